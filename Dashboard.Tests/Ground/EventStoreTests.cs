using AntiFraud.Dashboard.Tests.Harness;
using Marten;

namespace AntiFraud.Dashboard.Tests.Ground;

public sealed record DutyShiftStarted(string Officer, DateTimeOffset At);

public sealed class EventStoreTests
{
    [Fact]
    public async Task An_event_appended_through_Marten_is_read_back_from_PostgreSQL_by_another_session()
    {
        await using var app = await AppHost.StartAsync();
        var store = app.Services.GetRequiredService<IDocumentStore>();
        var streamId = Guid.NewGuid();
        var started = new DutyShiftStarted("张警官", new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.FromHours(8)));

        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream(streamId, started);
            await session.SaveChangesAsync();
        }

        await using var query = store.QuerySession();
        var events = await query.Events.FetchStreamAsync(streamId);
        var stored = Assert.Single(events);
        Assert.Equal(started, stored.Data);
        Assert.Equal(1, stored.Version);
        Assert.Equal(app.Schema, store.Options.Events.DatabaseSchemaName);
    }
}
