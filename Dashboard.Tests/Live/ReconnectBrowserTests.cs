using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiFraud.Dashboard.Tests.Harness;
using Microsoft.Playwright;

namespace AntiFraud.Dashboard.Tests.Live;

[Collection(BrowserCollection.Name)]
public sealed class ReconnectBrowserTests(Browser browser) : IAsyncLifetime
{
    private AppHost _app = null!;

    public async Task InitializeAsync() => _app = await AppHost.StartAsync(kestrel: true);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task After_its_connection_drops_a_wall_reconnects_by_itself_and_shows_what_arrived_meanwhile()
    {
        var guangdong = await _app.CentreAsync("44");
        await using var wall = await browser.OpenAsync(_app, "about:blank");
        // Keep a handle on the page's sockets so the test can cut them as a network failure would.
        await wall.Page.AddInitScriptAsync("""
            (() => { const Native = window.WebSocket; window.__sockets = [];
              window.WebSocket = function (...args) { const s = new Native(...args); window.__sockets.push(s); return s; };
              window.WebSocket.prototype = Native.prototype; Object.assign(window.WebSocket, Native); })();
            """);
        await wall.Page.GotoAsync(_app.Address + "live/440000");
        await wall.WaitForCircuitAsync();

        Assert.Equal(1, await wall.Page.EvaluateAsync<int>("() => window.__sockets.filter(s => s.readyState === 1).length"));
        await wall.Page.EvaluateAsync("() => window.__sockets.forEach(s => s.close())");
        var response = await guangdong.Http.PostAsJsonAsync("/api/v1/incidents", Ingestion.Incident(Ingestion.NewExternalId("offline"), "440106"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await Assertions.Expect(wall.Page.Locator($".ticker-item[data-id='{id}']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(wall.Page.Locator("#components-reconnect-modal")).Not.ToBeVisibleAsync();
        // The screen came back over a new connection, not the one that was cut.
        Assert.True(await wall.Page.EvaluateAsync<int>("() => window.__sockets.length") >= 2);
    }
}
