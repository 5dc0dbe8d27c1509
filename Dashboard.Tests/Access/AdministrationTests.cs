using System.Net;
using AntiFraud.Dashboard.Access;
using AntiFraud.Dashboard.Api;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Access;
using AntiFraud.Domain.Regions;
using Bunit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;

namespace AntiFraud.Dashboard.Tests.Access;

/// <summary>
/// One host with an administrator for the nation and one for Guangdong, people in Shenzhen and Sichuan, a commander who is no
/// administrator, and a reporting key in Shenzhen and one in Sichuan.
/// </summary>
public sealed class AdministrationFixture : IAsyncLifetime
{
    public AppHost App { get; private set; } = null!;
    public Dictionary<string, HttpClient> Clients { get; } = [];
    public ApiKey ShenzhenKey { get; private set; } = null!;
    public ApiKey SichuanKey { get; private set; } = null!;

    public static readonly TestUser Nation = TestUsers.National;
    public static readonly TestUser GuangdongAdmin = new("gd-admin", TestUsers.Password, "440000", [AccessRole.DutyOfficer, AccessRole.Administrator]);
    public static readonly TestUser GuangdongChief = new("gd-chief", TestUsers.Password, "440000", [AccessRole.DutyOfficer, AccessRole.Commander, AccessRole.Analyst]);
    public static readonly TestUser ShenzhenOfficer = new("sz-duty", TestUsers.Password, "440300", [AccessRole.DutyOfficer]);
    public static readonly TestUser SichuanOfficer = new("sc-duty", TestUsers.Password, "510000", [AccessRole.DutyOfficer]);

    /// <summary>The Guangdong administrator as the administration classes see them.</summary>
    public static readonly AdminActor Guangdong = new(GuangdongAdmin.Name, RegionCode.Parse("440000"));

    public async Task InitializeAsync()
    {
        App = await AppHost.StartAsync();
        foreach (var user in new[] { Nation, GuangdongAdmin, GuangdongChief }) Clients[user.Name] = await App.SignedInClientAsync(user);
        foreach (var user in new[] { ShenzhenOfficer, SichuanOfficer }) await TestUsers.CreateAsync(App.Services, user);
        var keys = App.Services.GetRequiredService<ApiKeyStore>();
        ShenzhenKey = (await keys.CreateAsync(RegionCode.Parse("440300"), "深圳市局报送系统")).Key;
        SichuanKey = (await keys.CreateAsync(RegionCode.Parse("510000"), "四川省厅报送系统")).Key;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in Clients.Values) client.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>
/// The administrators' pages for people and API keys: only for administrators, only inside their jurisdiction, every change
/// audited, refusals that change nothing, and the command line's <c>user create</c> on the same rules.
/// </summary>
public sealed class AdministrationTests(AdministrationFixture fixture) : IClassFixture<AdministrationFixture>
{
    private AppHost App => fixture.App;

    private async Task<T> WithAdministrationAsync<T>(Func<UserAdministration, Task<T>> step)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await step(scope.ServiceProvider.GetRequiredService<UserAdministration>());
    }

    private ApiKeyAdministration Keys => App.Services.GetRequiredService<ApiKeyAdministration>();

    private async Task<UserAccount?> FindAsync(string name)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>().FindByNameAsync(name);
    }

    private Task<IReadOnlyList<AuditEntry>> TrailAsync() => App.Services.GetRequiredService<Auditor>().LatestAsync(500);

    private static async Task<string> PageAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("admin/users")]
    [InlineData("admin/apikeys")]
    public async Task A_person_without_the_Administrator_role_is_refused_the_page_with_403(string path)
    {
        var chief = fixture.Clients[AdministrationFixture.GuangdongChief.Name];

        var response = await chief.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery);
        var denied = await chief.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        var html = WebUtility.HtmlDecode(await denied.Content.ReadAsStringAsync());
        Assert.Contains("您的账号没有访问此页面所需的角色", html);
        Assert.DoesNotContain("sz-duty", html);
        Assert.DoesNotContain("深圳市局报送系统", html);

        // Nor does the menu offer it.
        Assert.DoesNotContain($"href=\"{path}\"", await PageAsync(chief, "/"));
        Assert.Contains($"href=\"{path}\"", await PageAsync(fixture.Clients[AdministrationFixture.Nation.Name], "/"));
    }

    [Fact]
    public async Task A_provincial_administrator_sees_only_the_people_and_keys_of_the_province()
    {
        var guangdong = fixture.Clients[AdministrationFixture.GuangdongAdmin.Name];

        var users = await PageAsync(guangdong, "admin/users");
        Assert.Contains("data-user=\"gd-admin\"", users);
        Assert.Contains("data-user=\"sz-duty\"", users);
        Assert.Contains("深圳市", users);
        Assert.DoesNotContain("data-user=\"sc-duty\"", users);
        Assert.DoesNotContain("data-user=\"national-admin\"", users);
        Assert.Contains("辖区在广东省之内的账号", users);

        var keys = await PageAsync(guangdong, "admin/apikeys");
        Assert.Contains("深圳市局报送系统", keys);
        Assert.Contains($"data-key=\"{fixture.ShenzhenKey.Id}\"", keys);
        Assert.DoesNotContain("四川省厅报送系统", keys);
        Assert.DoesNotContain(fixture.SichuanKey.Id.ToString(), keys);

        // The nation's administrator sees both provinces.
        var nation = fixture.Clients[AdministrationFixture.Nation.Name];
        Assert.Contains("data-user=\"sc-duty\"", await PageAsync(nation, "admin/users"));
        Assert.Contains("四川省厅报送系统", await PageAsync(nation, "admin/apikeys"));
    }

    [Fact]
    public async Task Creating_a_user_or_a_key_outside_the_jurisdiction_is_refused_and_nothing_is_written()
    {
        var keysBefore = (await App.Services.GetRequiredService<ApiKeyStore>().ListAsync()).Count;

        var user = await WithAdministrationAsync(a => a.CreateAsync(AdministrationFixture.Guangdong, "sc-intruder", "510104", [AccessRole.DutyOfficer]));
        var key = await Keys.CreateAsync(AdministrationFixture.Guangdong, "510104", "越权密钥");

        Assert.Equal(AdminProblem.RegionOutside, user.Refusal?.Problem);
        Assert.Null(user.Value);
        Assert.Equal(AdminProblem.RegionOutside, key.Refusal?.Problem);
        Assert.Contains("outside your jurisdiction (440000)", key.Refusal!.Message);
        Assert.Null(await FindAsync("sc-intruder"));
        Assert.Equal(keysBefore, (await App.Services.GetRequiredService<ApiKeyStore>().ListAsync()).Count);
        var trail = await TrailAsync();
        Assert.DoesNotContain(trail, e => e.Kind == AuditKinds.UserCreated && e.Target == "sc-intruder");
        Assert.DoesNotContain(trail, e => e.Kind == AuditKinds.ApiKeyCreated && e.Detail!.Contains("越权密钥"));
        // The attempts themselves are in the trail, like a look at a page outside the jurisdiction.
        Assert.Contains(trail, e => e.Kind == AuditKinds.Refused && e.Who == "gd-admin" && e.Target == "sc-intruder");
    }

    [Fact]
    public async Task A_key_outside_the_jurisdiction_cannot_be_revoked_even_by_its_id()
    {
        var refused = await Keys.RevokeAsync(AdministrationFixture.Guangdong, fixture.SichuanKey.Id);

        Assert.Equal(AdminProblem.NotFound, refused.Refusal?.Problem);
        var stored = await App.Services.GetRequiredService<ApiKeyStore>().FindAsync(fixture.SichuanKey.Id);
        Assert.Null(stored!.RevokedAt);
        Assert.DoesNotContain(await TrailAsync(), e => e.Kind == AuditKinds.ApiKeyRevoked && e.Target == fixture.SichuanKey.Id.ToString());
    }

    [Fact]
    public async Task A_key_revoked_by_an_administrator_is_refused_by_the_API_with_401()
    {
        var centre = await App.CentreAsync("440300", "撤销测试");
        await centre.Http.CreateAsync("/api/v1/incidents", Ingestion.Incident(Ingestion.NewExternalId("admin")));

        var revoked = await Keys.RevokeAsync(AdministrationFixture.Guangdong, centre.Key.Id);

        Assert.True(revoked.Succeeded);
        var response = await centre.Http.PostJsonAsync("/api/v1/incidents", Ingestion.Incident(Ingestion.NewExternalId("admin")));
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains(await TrailAsync(), e => e.Kind == AuditKinds.ApiKeyRevoked && e.Who == "gd-admin" && e.Target == centre.Key.Id.ToString());
        // Revoking twice says so and changes nothing.
        Assert.Equal(AdminProblem.KeyRevoked, (await Keys.RevokeAsync(AdministrationFixture.Guangdong, centre.Key.Id)).Refusal?.Problem);
    }

    [Fact]
    public async Task Roles_and_jurisdiction_change_only_inside_the_jurisdiction_and_the_change_is_audited()
    {
        var person = await App.CreateUserAsync("gz-mover", "440100", AccessRole.DutyOfficer);
        var id = (await FindAsync(person.Name))!.Id;

        var moved = await WithAdministrationAsync(a => a.UpdateAsync(AdministrationFixture.Guangdong, id, "440305", [AccessRole.DutyOfficer, AccessRole.Commander]));
        var outside = await WithAdministrationAsync(a => a.UpdateAsync(AdministrationFixture.Guangdong, id, "510000", [AccessRole.DutyOfficer]));
        var noRoles = await WithAdministrationAsync(a => a.UpdateAsync(AdministrationFixture.Guangdong, id, "440305", []));

        Assert.True(moved.Succeeded);
        Assert.Equal(AdminProblem.RegionOutside, outside.Refusal?.Problem);
        Assert.Equal(AdminProblem.RolesMissing, noRoles.Refusal?.Problem);
        var stored = (await FindAsync(person.Name))!;
        Assert.Equal("440305", stored.Jurisdiction.ToString());
        Assert.Equal([AccessRole.DutyOfficer, AccessRole.Commander], stored.Roles);
        Assert.Contains(await TrailAsync(), e => e.Kind == AuditKinds.UserUpdated && e.Who == "gd-admin" && e.Target == "gz-mover"
            && e.Detail == "440100 DutyOfficer → 440305 DutyOfficer,Commander");

        // Someone in Sichuan is no one to Guangdong's administrator, even by id.
        var sichuan = (await FindAsync(AdministrationFixture.SichuanOfficer.Name))!;
        var foreign = await WithAdministrationAsync(a => a.UpdateAsync(AdministrationFixture.Guangdong, sichuan.Id, "510000", [AccessRole.Commander]));
        Assert.Equal(AdminProblem.NotFound, foreign.Refusal?.Problem);
        Assert.Equal([AccessRole.DutyOfficer], (await FindAsync(AdministrationFixture.SichuanOfficer.Name))!.Roles);
    }

    [Fact]
    public async Task An_administrator_cannot_take_the_Administrator_role_from_their_own_account()
    {
        var own = (await FindAsync(AdministrationFixture.GuangdongAdmin.Name))!;

        var refused = await WithAdministrationAsync(a => a.UpdateAsync(AdministrationFixture.Guangdong, own.Id, "440000", [AccessRole.DutyOfficer]));

        Assert.Equal(AdminProblem.OwnAdministratorRole, refused.Refusal?.Problem);
        Assert.Contains(AccessRole.Administrator, (await FindAsync(AdministrationFixture.GuangdongAdmin.Name))!.Roles);
        // Other changes to their own account are theirs to make.
        var kept = await WithAdministrationAsync(a => a.UpdateAsync(AdministrationFixture.Guangdong, own.Id, "440000",
            [AccessRole.DutyOfficer, AccessRole.Administrator]));
        Assert.True(kept.Succeeded);
    }

    [Fact]
    public async Task Resetting_a_password_replaces_it_and_ends_the_sessions_signed_in_with_the_old_one()
    {
        var person = await App.CreateUserAsync("fs-reset", "440600", AccessRole.DutyOfficer);
        var id = (await FindAsync(person.Name))!.Id;
        // A second node on the same database that checks a session against its account on every request (the product: every 30 minutes).
        await using var strict = App.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero)));
        using var session = strict.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await session.PostSignInFormAsync(person.Name, person.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("regions/440600")).StatusCode);

        var reset = await WithAdministrationAsync(a => a.ResetPasswordAsync(AdministrationFixture.Guangdong, id));

        Assert.True(reset.Succeeded);
        var after = await session.GetAsync("regions/440600");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/signin", after.Headers.Location!.PathAndQuery);
        using var fresh = App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.OK, (await fresh.PostSignInFormAsync(person.Name, person.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.PostSignInFormAsync(person.Name, reset.Value!.Password)).StatusCode);
        Assert.Contains(await TrailAsync(), e => e.Kind == AuditKinds.PasswordReset && e.Who == "gd-admin" && e.Target == "fs-reset");
    }

    [Fact]
    public async Task Unlocking_ends_a_lockout_so_the_person_signs_in_again()
    {
        var person = await App.CreateUserAsync("zh-locked", "440400", AccessRole.DutyOfficer);
        using var http = App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        for (var i = 0; i < 5; i++) await http.PostSignInFormAsync(person.Name, "Wrong-Password-1");
        var locked = await http.PostSignInFormAsync(person.Name, person.Password);
        Assert.Contains("账号已锁定", WebUtility.HtmlDecode(await locked.Content.ReadAsStringAsync()));
        var id = (await FindAsync(person.Name))!.Id;
        Assert.Contains("data-user=\"zh-locked\" data-region=\"440400\" data-locked=\"true\"",
            await PageAsync(fixture.Clients[AdministrationFixture.GuangdongAdmin.Name], "admin/users"));

        var unlocked = await WithAdministrationAsync(a => a.UnlockAsync(AdministrationFixture.Guangdong, id));

        Assert.True(unlocked.Succeeded);
        Assert.False(unlocked.Value!.IsLockedOut);
        Assert.Equal(HttpStatusCode.Redirect, (await http.PostSignInFormAsync(person.Name, person.Password)).StatusCode);
        Assert.Contains(await TrailAsync(), e => e.Kind == AuditKinds.UserUnlocked && e.Who == "gd-admin" && e.Target == "zh-locked");
    }

    [Fact]
    public async Task The_command_line_creates_people_on_the_same_rules_and_its_password_signs_in()
    {
        var (code, output, _) = await RunCommandAsync("user", "create", "--name", "cli-person", "--role", "Commander,DutyOfficer", "--region", "4403");

        Assert.Equal(0, code);
        var lines = output.Split('\n');
        var announced = Array.FindIndex(lines, l => l.StartsWith("User cli-person for 440300 深圳市 (DutyOfficer, Commander)", StringComparison.Ordinal));
        Assert.True(announced >= 0, output);
        var password = lines[announced + 1].Trim();
        using var http = App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await http.PostSignInFormAsync("cli-person", password)).StatusCode);
        Assert.Contains(await TrailAsync(), e => e.Kind == AuditKinds.UserCreated && e.Who == "command line" && e.Target == "cli-person"
            && e.Detail == "440300 DutyOfficer,Commander");

        var (badCode, _, badError) = await RunCommandAsync("user", "create", "--name", "cli-sheriff", "--role", "Sheriff", "--region", "4403");
        Assert.Equal(2, badCode);
        Assert.Contains("--role: Role 'Sheriff' is not one of", badError);
        Assert.Null(await FindAsync("cli-sheriff"));
    }

    private async Task<(int Code, string Output, string Error)> RunCommandAsync(params string[] arguments) =>
        await AppProcess.RunDashboardAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:Marten"] = await TestDatabase.ConnectionStringAsync(),
            ["Marten:Schema"] = App.Schema,
            ["Jobs:Schema"] = App.Schema + "_jobs",
            ["Simulator:Enabled"] = "false",
        }, arguments);
}

/// <summary>The administrators' pages in a real browser: what an administrator sees, types and is told.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdministrationTestsInBrowser(Browser browser) : IAsyncLifetime
{
    private AppHost _app = null!;

    public async Task InitializeAsync() => _app = await AppHost.StartAsync(kestrel: true);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<UserAccount?> FindAsync(string name)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>().FindByNameAsync(name);
    }

    private static ILocator UserRow(IPage page, string name) => page.Locator($"[data-testid=user-row][data-user='{name}']");

    [Fact]
    public async Task An_administrator_creates_a_user_whose_one_time_password_signs_in_through_the_sign_in_page()
    {
        await using var tab = await browser.OpenAsync(_app, "admin/users");
        var page = tab.Page;
        await tab.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("用户管理");
        await Assertions.Expect(UserRow(page, "national-admin")).ToBeVisibleAsync();

        await page.GetByTestId("create-user").ClickAsync();
        var form = page.GetByTestId("user-form");
        await Assertions.Expect(form.GetByTestId("field-username")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("sz-newcomer");
        await form.GetByTestId("field-displayname").FillAsync("深圳值班 张三");
        await form.GetByTestId("field-region").FillAsync("440300");
        await Assertions.Expect(form).ToContainTextAsync("广东省 · 深圳市");
        await form.GetByRole(AriaRole.Checkbox, new() { Name = "指挥员" }).CheckAsync();
        await tab.ScreenshotAsync("1-creating");
        await page.GetByTestId("user-submit").ClickAsync();

        await Assertions.Expect(form).ToBeHiddenAsync();
        var panel = page.GetByTestId("password-panel");
        await Assertions.Expect(panel).ToContainTextAsync("sz-newcomer 的一次性密码");
        await Assertions.Expect(panel).ToContainTextAsync("无法再次显示");
        await Assertions.Expect(panel).ToBeFocusedAsync();
        var password = (await page.GetByTestId("one-time-password").InnerTextAsync()).Trim();
        Assert.Matches("^[A-Za-z0-9]{6}-[A-Za-z0-9]{6}-[A-Za-z0-9]{6}$", password);
        var row = UserRow(page, "sz-newcomer");
        await Assertions.Expect(row.GetByTestId("user-roles")).ToHaveTextAsync("值班员、指挥员");
        await Assertions.Expect(row.GetByTestId("user-jurisdiction")).ToContainTextAsync("440300 深圳市");
        await Assertions.Expect(row).ToContainTextAsync("深圳值班 张三");
        await tab.ScreenshotAsync("2-password");

        // Once closed, the password is gone from the page for good.
        await page.GetByTestId("hide-password").ClickAsync();
        await Assertions.Expect(page.GetByTestId("password-panel")).ToHaveCountAsync(0);
        Assert.DoesNotContain(password, await page.ContentAsync());

        // The new person signs in with it on the sign-in page and sees Shenzhen.
        var newcomer = new TestUser("sz-newcomer", password, "440300", [AccessRole.DutyOfficer, AccessRole.Commander]);
        await using var theirs = await browser.OpenAsync(_app, "regions", user: newcomer);
        await theirs.WaitForCircuitAsync();
        await Assertions.Expect(theirs.Page.GetByTestId("signed-in-as")).ToHaveTextAsync("sz-newcomer（深圳市）");
        await Assertions.Expect(theirs.Page.Locator("h1")).ToHaveTextAsync("深圳市");

        var trail = await _app.Services.GetRequiredService<Auditor>().LatestAsync(50);
        Assert.Contains(trail, e => e.Kind == AuditKinds.UserCreated && e.Who == "national-admin" && e.Target == "sz-newcomer"
            && e.Detail == "440300 DutyOfficer,Commander");
    }

    [Fact]
    public async Task A_provincial_administrator_is_told_why_a_region_outside_the_province_or_their_own_role_cannot_be_changed()
    {
        var admin = await _app.CreateUserAsync("gd-admin", "440000", AccessRole.DutyOfficer, AccessRole.Administrator);
        await _app.CreateUserAsync("sc-duty", "510000", AccessRole.DutyOfficer);
        await using var tab = await browser.OpenAsync(_app, "admin/users", user: admin);
        var page = tab.Page;
        await tab.WaitForCircuitAsync();
        await Assertions.Expect(page.GetByTestId("user-row")).ToHaveCountAsync(1);
        await Assertions.Expect(UserRow(page, "gd-admin")).ToContainTextAsync("（您本人）");

        // A person for Sichuan: the form says why not, and nothing is stored.
        await page.GetByTestId("create-user").ClickAsync();
        var form = page.GetByTestId("user-form");
        await form.GetByTestId("field-username").FillAsync("sc-newcomer");
        await form.GetByTestId("field-region").FillAsync("510000");
        await Assertions.Expect(form).ToContainTextAsync("四川省不在您的辖区（广东省）内");
        await page.GetByTestId("user-submit").ClickAsync();
        await Assertions.Expect(form).ToBeVisibleAsync();
        await Assertions.Expect(form.GetByTestId("field-region")).ToHaveAttributeAsync("aria-invalid", "true");
        await tab.ScreenshotAsync("1-outside");
        await page.GetByTestId("user-cancel").ClickAsync();
        await Assertions.Expect(form).ToBeHiddenAsync();
        Assert.Null(await FindAsync("sc-newcomer"));

        // Their own Administrator role: the rules refuse it in the dialog.
        await page.Locator("button[data-action=edit][data-user='gd-admin']").ClickAsync();
        await form.GetByRole(AriaRole.Checkbox, new() { Name = "管理员" }).UncheckAsync();
        await page.GetByTestId("user-submit").ClickAsync();
        var refusal = page.GetByTestId("user-refusal");
        await Assertions.Expect(refusal).ToContainTextAsync("未作任何更改");
        await Assertions.Expect(refusal).ToContainTextAsync("不能取消您自己账号的管理员角色：如确需如此，请由另一位管理员操作。");
        await tab.ScreenshotAsync("2-own-role");
        await page.GetByTestId("user-cancel").ClickAsync();
        Assert.Contains(AccessRole.Administrator, (await FindAsync("gd-admin"))!.Roles);

        // A key for a Sichuan centre: the same.
        await page.GotoAsync("admin/apikeys");
        await tab.WaitForCircuitAsync();
        await Assertions.Expect(page.GetByTestId("keys-empty")).ToContainTextAsync("广东省辖区内还没有接口密钥");
        await page.GetByTestId("create-key").ClickAsync();
        var keyForm = page.GetByTestId("key-form");
        await keyForm.GetByTestId("field-centre").FillAsync("510104");
        await keyForm.GetByTestId("field-keyname").FillAsync("锦江区报送");
        await Assertions.Expect(keyForm).ToContainTextAsync("锦江区不在您的辖区（广东省）内");
        await page.GetByTestId("key-submit").ClickAsync();
        await Assertions.Expect(keyForm).ToBeVisibleAsync();
        Assert.Empty(await _app.Services.GetRequiredService<ApiKeyStore>().ListAsync());
    }

    [Fact]
    public async Task An_administrator_issues_a_key_reads_its_secret_once_and_revoking_it_makes_the_API_refuse_it()
    {
        await using var tab = await browser.OpenAsync(_app, "admin/apikeys", locale: "en");
        var page = tab.Page;
        await tab.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("API keys");
        await Assertions.Expect(page.GetByTestId("keys-empty")).ToContainTextAsync("There are no API keys in China yet");

        await page.GetByTestId("create-key").ClickAsync();
        var form = page.GetByTestId("key-form");
        await Assertions.Expect(form.GetByTestId("field-centre")).ToBeFocusedAsync();
        await form.GetByTestId("field-centre").FillAsync("4403");
        await form.GetByTestId("field-keyname").FillAsync("Shenzhen reporting");
        await page.GetByTestId("key-submit").ClickAsync();

        await Assertions.Expect(form).ToBeHiddenAsync();
        var panel = page.GetByTestId("secret-panel");
        await Assertions.Expect(panel).ToContainTextAsync("cannot be shown again");
        var secret = (await page.GetByTestId("key-secret").InnerTextAsync()).Trim();
        var row = page.GetByTestId("key-row");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.GetByTestId("key-centre")).ToContainTextAsync("440300 Shenzhen");
        await Assertions.Expect(row.GetByTestId("key-status")).ToHaveTextAsync("In use");
        Assert.DoesNotMatch(@"Admin\.[A-Z]", await page.Locator("main").InnerTextAsync());

        using var centre = new HttpClient { BaseAddress = _app.Address };
        centre.DefaultRequestHeaders.Add("X-Api-Key", secret);
        await centre.CreateAsync("/api/v1/incidents", Ingestion.Incident(Ingestion.NewExternalId("admin-page")));

        await page.GetByTestId("hide-secret").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke the key “Shenzhen reporting” (440300 Shenzhen)" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(confirm).ToContainTextAsync("cannot be undone");
        await tab.ScreenshotAsync("1-confirm");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();

        await Assertions.Expect(row).ToHaveAttributeAsync("data-revoked", "true");
        await Assertions.Expect(row.GetByTestId("key-status")).ToContainTextAsync("Revoked");
        var refused = await centre.PostJsonAsync("/api/v1/incidents", Ingestion.Incident(Ingestion.NewExternalId("admin-page")));
        await refused.AssertProblemAsync(HttpStatusCode.Unauthorized);

        var trail = await _app.Services.GetRequiredService<Auditor>().LatestAsync(50);
        var issued = Assert.Single(trail, e => e.Kind == AuditKinds.ApiKeyCreated);
        Assert.Equal(("national-admin", "440300 Shenzhen reporting"), (issued.Who, issued.Detail));
        Assert.Contains(trail, e => e.Kind == AuditKinds.ApiKeyRevoked && e.Who == "national-admin" && e.Target == issued.Target);
    }

    [Fact]
    public async Task An_administrator_unlocks_a_locked_out_person_who_then_signs_in()
    {
        var person = await _app.CreateUserAsync("sz-forgetful", "440300", AccessRole.DutyOfficer);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = _app.Address };
        for (var i = 0; i < 5; i++) await http.PostSignInFormAsync(person.Name, "Wrong-Password-1");
        var locked = await http.PostSignInFormAsync(person.Name, person.Password);
        Assert.Contains("账号已锁定", WebUtility.HtmlDecode(await locked.Content.ReadAsStringAsync()));

        await using var tab = await browser.OpenAsync(_app, "admin/users");
        var page = tab.Page;
        await tab.WaitForCircuitAsync();
        var row = UserRow(page, person.Name);
        await Assertions.Expect(row).ToHaveAttributeAsync("data-locked", "true");
        await page.GetByRole(AriaRole.Button, new() { Name = "解锁 sz-forgetful" }).ClickAsync();

        await Assertions.Expect(row).ToHaveAttributeAsync("data-locked", "false");
        await Assertions.Expect(row.GetByTestId("user-lockout")).ToHaveTextAsync("未锁定");
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("已解除 sz-forgetful 的锁定");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "解锁 sz-forgetful" })).ToHaveCountAsync(0);

        Assert.Equal(HttpStatusCode.Redirect, (await http.PostSignInFormAsync(person.Name, person.Password)).StatusCode);
        var trail = await _app.Services.GetRequiredService<Auditor>().LatestAsync(50);
        Assert.Contains(trail, e => e.Kind == AuditKinds.UserUnlocked && e.Who == "national-admin" && e.Target == "sz-forgetful");
    }

    [Fact]
    public async Task An_administrator_resets_a_password_after_confirming_and_only_the_new_one_signs_in()
    {
        var person = await _app.CreateUserAsync("sz-reset", "440300", AccessRole.DutyOfficer);
        await using var tab = await browser.OpenAsync(_app, "admin/users");
        var page = tab.Page;
        await tab.WaitForCircuitAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "重置密码：sz-reset" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(confirm).ToContainTextAsync("原密码立即失效");
        // Cancelling changes nothing.
        await confirm.GetByRole(AriaRole.Button, new() { Name = "取消", Exact = true }).ClickAsync();
        await Assertions.Expect(confirm).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("password-panel")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "重置密码：sz-reset" }).ClickAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "重置密码", Exact = true }).ClickAsync();
        var panel = page.GetByTestId("password-panel");
        await Assertions.Expect(panel).ToContainTextAsync("sz-reset 的一次性密码");
        await Assertions.Expect(panel).ToBeFocusedAsync();
        var password = (await page.GetByTestId("one-time-password").InnerTextAsync()).Trim();

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = _app.Address };
        var old = await http.PostSignInFormAsync(person.Name, person.Password);
        Assert.Contains("用户名或密码不正确", WebUtility.HtmlDecode(await old.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await http.PostSignInFormAsync(person.Name, password)).StatusCode);
        var trail = await _app.Services.GetRequiredService<Auditor>().LatestAsync(50);
        Assert.Single(trail, e => e.Kind == AuditKinds.PasswordReset && e.Who == "national-admin" && e.Target == "sz-reset");
    }
}

/// <summary>The administrators' pages when the database is out of reach: a message that says so and a way to try again.</summary>
public sealed class AdministrationTestsOffline : ComponentTestContext
{
    public AdministrationTestsOffline()
    {
        UseUnreachableStore();
        Services.AddIdentityCore<UserAccount>().AddUserStore<MartenUserStore>();
        Services.AddSingleton<ApiKeyStore>();
        Services.AddSingleton<ApiKeyAdministration>();
        Services.AddScoped<UserAdministration>();
        Render<MudBlazor.MudPopoverProvider>();
    }

    [Fact]
    public void Every_refusal_role_and_new_audit_kind_is_said_in_Chinese_and_English()
    {
        var catalog = new Localization.TextCatalog();
        var keys = Enum.GetNames<AdminProblem>().Select(p => $"Admin.Problem.{p}")
            .Concat(Enum.GetNames<AccessRole>().SelectMany(r => new[] { $"Admin.Role.{r}", $"Admin.RoleHelp.{r}" }))
            .Concat(new[] { AuditKinds.UserUpdated, AuditKinds.UserUnlocked, AuditKinds.PasswordReset }.Select(k => $"Audit.Kind.{k}"));

        var missing = keys.SelectMany(k => Localization.TextCatalog.Cultures.Where(c => !catalog.Has(k, c)).Select(c => $"{k} ({c})")).ToList();

        Assert.Empty(missing);
    }

    [Theory]
    [InlineData(typeof(Features.Admin.UsersPage), "users")]
    [InlineData(typeof(Features.Admin.ApiKeysPage), "keys")]
    public void A_database_out_of_reach_is_said_plainly_with_a_way_to_try_again(Type pageType, string name)
    {
        var page = Render(builder =>
        {
            builder.OpenComponent(0, pageType);
            builder.CloseComponent();
        });

        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid={name}-error]")), TimeSpan.FromSeconds(20));
        var message = page.Find($"[data-testid={name}-error]").TextContent;
        Assert.Contains("暂时无法连接数据库", message);
        Assert.DoesNotContain("Npgsql", message);
        Assert.Empty(page.FindAll($"[data-testid={name}-table]"));
        Assert.Empty(page.FindAll($"[data-testid={name}-empty]"));
        // Nothing can be created while nothing can be read.
        Assert.NotNull(page.Find($"[data-testid=create-{(name == "users" ? "user" : "key")}][disabled]"));

        page.Find("[data-testid=retry]").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid={name}-error]")), TimeSpan.FromSeconds(20));
    }
}
