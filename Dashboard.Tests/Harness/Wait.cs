namespace AntiFraud.Dashboard.Tests.Harness;

/// <summary>Waiting for a condition with a timeout, for things that cannot signal (a port opening, a process answering).</summary>
public static class Wait
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string failure) =>
        await UntilAsync(() => Task.FromResult(condition()), timeout, failure);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(failure);
            await timer.WaitForNextTickAsync();
        }
    }
}
