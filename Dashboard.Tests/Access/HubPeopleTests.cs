using System.Net;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Access;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace AntiFraud.Dashboard.Tests.Access;

/// <summary>People on the hub with their sign-in cookie watch their own subtree and nothing else.</summary>
public sealed class HubPeopleTests
{
    [Fact]
    public async Task A_county_officer_signed_in_watches_the_county_and_is_refused_the_city()
    {
        await using var app = await AppHost.StartAsync(kestrel: true);
        var officer = await app.CreateUserAsync("ns-hub", "440305", AccessRole.DutyOfficer);
        var cookies = new CookieContainer();
        using (await app.SignedInClientAsync(officer, cookies)) { }

        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Address!, "hubs/live"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.Cookies = cookies;
            })
            .Build();
        await hub.StartAsync();

        Assert.Equal("440305", await hub.InvokeAsync<string>("Watch", "440305"));
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<string>("Watch", "440300"));
        Assert.Contains("outside your jurisdiction (440305)", refused.Message);
    }
}
