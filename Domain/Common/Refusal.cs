namespace AntiFraud.Domain.Common;

/// <summary>Why a report or a command was refused, naming the field (a JSON pointer such as /lossAmount) when there is one.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>What a decision returns: the events to append, or the reasons it was refused. Nothing is written when refused.</summary>
public sealed record Decision(IReadOnlyList<object> Events, IReadOnlyList<FieldError> Errors)
{
    public bool Refused => Errors.Count > 0;

    public static Decision Accept(params object[] events) => new(events, []);
    public static Decision Refuse(string field, string message) => new([], [new FieldError(field, message)]);
}

/// <summary>Limits every report is held to.</summary>
public static class Limits
{
    /// <summary>Amounts above this are refused as absurd (ten billion yuan).</summary>
    public const decimal MaxAmount = 10_000_000_000m;
    public const int MaxExternalIdLength = 64;
    public const int MaxSummaryLength = 2_000;
    public const int MaxReasonLength = 500;
    public const int MaxBatch = 1_000;
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);
}
