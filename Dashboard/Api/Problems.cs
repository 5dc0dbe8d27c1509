using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using AntiFraud.Domain.Common;

namespace AntiFraud.Dashboard.Api;

/// <summary>RFC 7807 answers for every refusal, each naming what was wrong.</summary>
public static class Problems
{
    public const int MaxBodyBytes = 1024 * 1024;

    public static IResult Invalid(IReadOnlyList<FieldError> errors, string title = "The report is invalid") =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title,
            detail: string.Join(" ", errors.Take(5).Select(e => $"{e.Field}: {e.Message}")),
            extensions: new Dictionary<string, object?> { ["errors"] = errors.Select(e => new { field = e.Field, message = e.Message }).ToList() });

    public static IResult Conflict(IReadOnlyList<FieldError> errors) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "A different report with this externalId is already stored",
            detail: "Send a new externalId for a new report; a retry must repeat the original body exactly.",
            extensions: new Dictionary<string, object?> { ["errors"] = errors.Select(e => new { field = e.Field, message = e.Message }).ToList() });

    public static IResult Forbidden(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Outside the reporting centre's jurisdiction", detail: detail);

    public static IResult NotFound(string title, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: title, detail: detail);

    /// <summary>
    /// Reads the body as JSON: 415 unless it is JSON, 413 over 1 MB, 400 when malformed. Returns the parsed document or the refusal.
    /// </summary>
    public static async Task<(JsonDocument? Document, IResult? Refusal)> ReadJsonAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
            return (null, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Expected JSON",
                detail: "Send the report with Content-Type: application/json."));
        if (request.ContentLength > MaxBodyBytes) return (null, TooLarge());

        // Read from Kestrel's buffers, then copied once into an array of the body's size that the document owns: a document
        // parsed from the pipe's own memory would read whatever Kestrel puts there next, once the buffers are released.
        var reader = request.BodyReader;
        ReadResult read;
        while (true)
        {
            read = await reader.ReadAsync(ct);
            if (read.Buffer.Length > MaxBodyBytes)
            {
                reader.AdvanceTo(read.Buffer.End);
                return (null, TooLarge());
            }
            if (read.IsCompleted || read.IsCanceled) break;
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
        try
        {
            var document = JsonDocument.Parse(read.Buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
            if (!NamesAreWellFormed(document.RootElement))
            {
                document.Dispose();
                return (null, Invalid([new FieldError("", "A property name contains malformed Unicode (a lone surrogate escape).")], "The body is not valid JSON"));
            }
            return (document, null);
        }
        catch (JsonException e)
        {
            return (null, Invalid([new FieldError("", $"Malformed JSON at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}.")], "The body is not valid JSON"));
        }
        finally
        {
            reader.AdvanceTo(read.Buffer.End);
        }
    }

    /// <summary>False when a property name holds a lone surrogate escape, which no look-up by name could read.</summary>
    private static bool NamesAreWellFormed(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                        if (!NamesAreWellFormed(property.Value) || property.Name is null) return false;
                    return true;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                        if (!NamesAreWellFormed(item)) return false;
                    return true;
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static IResult TooLarge() =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The body is too large",
            detail: $"A request body may be at most {MaxBodyBytes / 1024} KB; split large batches.");
}
