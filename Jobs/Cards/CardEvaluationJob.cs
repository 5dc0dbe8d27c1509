namespace AntiFraud.Jobs.Cards;

public sealed class CardEvaluationJob
{
    public Task RunAsync(CancellationToken ct) => Task.CompletedTask;
}
