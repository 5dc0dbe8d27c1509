using System.IO.Compression;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Components.RenderTree;

namespace AntiFraud.Benchmarks.Map;

#pragma warning disable BL0006 // Reading render batches is the point of this class.

/// <summary>One kind of edit in a batch (e.g. "set attribute fill") with how many there were and their estimated bytes.</summary>
public sealed record EditKind(string Kind, int Count, long EstimatedBytes);

/// <summary>
/// What one render batch would cost to send to the browser.
/// <para>
/// <see cref="EstimatedBytes"/>: 16 bytes per edit (the fixed-size record Blazor's batch writer emits for an edit), plus, for the
/// frames each edit carries (an inserted element with its whole subtree; the attribute, text or markup frame that is set or
/// updated), 20 bytes per frame and the UTF-8 length of every element name, attribute name, string attribute value, text
/// and markup in them. It leaves out the string table's per-string overhead and the writer's de-duplication of names.
/// </para>
/// <para>
/// <see cref="WriterBytes"/>: the exact size of the batch serialised by the framework's own writer (the bytes a Blazor Server
/// circuit hands to SignalR, before the hub protocol's few bytes of framing and before any WebSocket compression), or null
/// when that internal writer cannot be reached. <see cref="DeflatedBytes"/> is that payload deflated on its own, a hint of what
/// WebSocket compression would leave.
/// </para>
/// </summary>
public sealed record BatchFigures(
    int Edits,
    int ReferenceFrames,
    int DisposedEventHandlers,
    long EstimatedBytes,
    long? WriterBytes,
    long? DeflatedBytes,
    IReadOnlyList<EditKind> Kinds,
    int TextsRepeatingAnAriaLabel)
{
    private const int BytesPerEdit = 16;
    private const int BytesPerFrame = 20;

    public static BatchFigures Of(in RenderBatch batch)
    {
        var frames = batch.ReferenceFrames.Array;
        var kinds = new Dictionary<string, (int Count, long Bytes)>();
        var ariaLabels = new HashSet<string>(StringComparer.Ordinal);
        var texts = new List<string>();
        int edits = 0;
        long estimate = 0;

        var diffs = batch.UpdatedComponents;
        for (var d = 0; d < diffs.Count; d++)
        {
            var segment = diffs.Array[d].Edits;
            for (var e = 0; e < segment.Count; e++)
            {
                var edit = segment.Array[segment.Offset + e];
                edits++;
                long bytes = BytesPerEdit;
                string kind;
                switch (edit.Type)
                {
                    case RenderTreeEditType.PrependFrame:
                        var inserted = frames[edit.ReferenceFrameIndex];
                        bytes += Carried(frames, edit.ReferenceFrameIndex, SubtreeLength(inserted));
                        kind = inserted.FrameType switch
                        {
                            RenderTreeFrameType.Element => $"insert `<{inserted.ElementName}>`",
                            RenderTreeFrameType.Component => $"insert component `{inserted.ComponentType.Name}`",
                            var other => $"insert {other.ToString().ToLowerInvariant()}",
                        };
                        break;
                    case RenderTreeEditType.SetAttribute:
                        var attribute = frames[edit.ReferenceFrameIndex];
                        bytes += Carried(frames, edit.ReferenceFrameIndex, 1);
                        kind = attribute.AttributeEventHandlerId != 0 ? $"set event handler `{attribute.AttributeName}`" : $"set attribute `{attribute.AttributeName}`";
                        if (attribute.AttributeName == "aria-label" && attribute.AttributeValue is string label) ariaLabels.Add(label);
                        break;
                    case RenderTreeEditType.RemoveAttribute:
                        bytes += Encoding.UTF8.GetByteCount(edit.RemovedAttributeName ?? "");
                        kind = $"remove attribute `{edit.RemovedAttributeName}`";
                        break;
                    case RenderTreeEditType.UpdateText:
                        bytes += Carried(frames, edit.ReferenceFrameIndex, 1);
                        texts.Add(frames[edit.ReferenceFrameIndex].TextContent);
                        kind = "update text";
                        break;
                    case RenderTreeEditType.UpdateMarkup:
                        bytes += Carried(frames, edit.ReferenceFrameIndex, 1);
                        kind = "update markup";
                        break;
                    case RenderTreeEditType.RemoveFrame:
                        kind = "remove node";
                        break;
                    case RenderTreeEditType.StepIn:
                    case RenderTreeEditType.StepOut:
                        kind = "step in / out (navigation)";
                        break;
                    default:
                        kind = edit.Type.ToString();
                        break;
                }
                estimate += bytes;
                var (count, total) = kinds.GetValueOrDefault(kind);
                kinds[kind] = (count + 1, total + bytes);
            }
        }

        var written = Writer.Size(batch);
        return new BatchFigures(
            Edits: edits,
            ReferenceFrames: batch.ReferenceFrames.Count,
            DisposedEventHandlers: batch.DisposedEventHandlerIDs.Count,
            EstimatedBytes: estimate,
            WriterBytes: written?.Bytes,
            DeflatedBytes: written?.Deflated,
            Kinds: kinds.Select(k => new EditKind(k.Key, k.Value.Count, k.Value.Bytes)).OrderByDescending(k => k.EstimatedBytes).ThenBy(k => k.Kind, StringComparer.Ordinal).ToList(),
            TextsRepeatingAnAriaLabel: texts.Count(ariaLabels.Contains));
    }

    private static int SubtreeLength(in RenderTreeFrame frame) => frame.FrameType switch
    {
        RenderTreeFrameType.Element => frame.ElementSubtreeLength,
        RenderTreeFrameType.Region => frame.RegionSubtreeLength,
        RenderTreeFrameType.Component => frame.ComponentSubtreeLength,
        _ => 1,
    };

    private static long Carried(RenderTreeFrame[] frames, int start, int length)
    {
        long bytes = 0;
        for (var i = start; i < start + length; i++)
        {
            ref var frame = ref frames[i];
            bytes += BytesPerFrame + frame.FrameType switch
            {
                RenderTreeFrameType.Element => Utf8(frame.ElementName),
                RenderTreeFrameType.Attribute => Utf8(frame.AttributeName) + (frame.AttributeValue is string value ? Utf8(value) : 0),
                RenderTreeFrameType.Text => Utf8(frame.TextContent),
                RenderTreeFrameType.Markup => Utf8(frame.MarkupContent),
                _ => 0,
            };
        }
        return bytes;
    }

    private static int Utf8(string? text) => text is null ? 0 : Encoding.UTF8.GetByteCount(text);

    /// <summary>Blazor Server's own batch serialiser. It is internal, so it is reached by reflection; when a framework version
    /// moves it, the exact figure is reported as unavailable and the estimate still stands.</summary>
    private static class Writer
    {
        private static readonly Type? Type = System.Type.GetType("Microsoft.AspNetCore.Components.Server.Circuits.RenderBatchWriter, Microsoft.AspNetCore.Components.Server");
        private static readonly ConstructorInfo? Constructor = Type?.GetConstructor([typeof(Stream), typeof(bool)]);
        private static readonly MethodInfo? Write = Type?.GetMethod("Write", [typeof(RenderBatch).MakeByRefType()]);

        public static (long Bytes, long Deflated)? Size(in RenderBatch batch)
        {
            if (Constructor is null || Write is null) return null;
            using var payload = new MemoryStream();
            var writer = (IDisposable)Constructor.Invoke([payload, true]);
            using (writer) Write.Invoke(writer, [batch]);

            using var deflated = new MemoryStream();
            using (var deflate = new DeflateStream(deflated, CompressionLevel.Optimal, leaveOpen: true))
                deflate.Write(payload.GetBuffer(), 0, (int)payload.Length);
            return (payload.Length, deflated.Length);
        }
    }
}
