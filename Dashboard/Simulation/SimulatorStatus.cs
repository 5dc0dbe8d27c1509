namespace AntiFraud.Dashboard.Simulation;

public enum SimulatorPhase { Off, Starting, Backfilling, Live, Stopped }

/// <summary>What the simulator has done since the app started; callers can wait for a condition on it.</summary>
public sealed class SimulatorStatus
{
    private readonly Lock _lock = new();
    private readonly List<(Func<SimulatorStatus, bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public SimulatorPhase Phase { get; private set; } = SimulatorPhase.Starting;
    public long IncidentsReported { get; private set; }
    public long StepsRecorded { get; private set; }
    public long WarningsIssued { get; private set; }
    public long OutcomesRecorded { get; private set; }
    public long ActivityReports { get; private set; }
    /// <summary>Reports the ledgers refused or found conflicting (a simulator bug or a changed seed): they are logged.</summary>
    public long Refused { get; private set; }
    public string? LastError { get; private set; }

    internal void Enter(SimulatorPhase phase) => Update(() => Phase = phase);
    internal void Incident() => Update(() => IncidentsReported++);
    internal void Step() => Update(() => StepsRecorded++);
    internal void Warning() => Update(() => WarningsIssued++);
    internal void Outcome() => Update(() => OutcomesRecorded++);
    internal void Activity() => Update(() => ActivityReports++);
    internal void Refusal() => Update(() => Refused++);
    internal void Failed(string error) => Update(() => LastError = error);

    /// <summary>Completes when <paramref name="condition"/> holds (checked now and after every change).</summary>
    public Task WhenAsync(Func<SimulatorStatus, bool> condition, CancellationToken ct = default)
    {
        lock (_lock)
        {
            if (condition(this)) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((condition, done));
            return done.Task.WaitAsync(ct);
        }
    }

    private void Update(Action change)
    {
        lock (_lock)
        {
            change();
            if (_waiters.Count == 0) return;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (!_waiters[i].Condition(this)) continue;
                _waiters[i].Done.TrySetResult();
                _waiters.RemoveAt(i);
            }
        }
    }
}
