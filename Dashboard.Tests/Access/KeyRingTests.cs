using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AntiFraud.Dashboard.Access;
using AntiFraud.Dashboard.Tests.Harness;
using Marten;

namespace AntiFraud.Dashboard.Tests.Access;

/// <summary>
/// The keys that protect sign-in cookies live in the database (so every node reads the same ones); with a certificate configured
/// they are encrypted before they are stored.
/// </summary>
public sealed class KeyRingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("afc-keyring-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<List<KeyRingElement>> StoredKeysAsync(AppHost app)
    {
        await using var session = app.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return [.. await session.Query<KeyRingElement>().ToListAsync()];
    }

    private string Certificate(string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=anti-fraud key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_folder, "keyring.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }

    [Fact]
    public async Task A_sign_in_stores_its_key_in_the_database_readable_without_a_certificate()
    {
        await using var app = await AppHost.StartAsync();
        using var http = await app.SignedInClientAsync();

        var key = Assert.Single(await StoredKeysAsync(app));
        Assert.StartsWith("key-", key.Id);
        Assert.Contains("<masterKey", key.Xml);
    }

    [Fact]
    public async Task With_a_certificate_the_stored_key_is_encrypted_and_signing_in_still_works()
    {
        var path = Certificate("Cert-Pass-2026");
        await using var app = await AppHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["DataProtection:Certificate"] = path,
            ["DataProtection:CertificatePassword"] = "Cert-Pass-2026",
        });
        using var http = await app.SignedInClientAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/regions/440000")).StatusCode);

        var key = Assert.Single(await StoredKeysAsync(app));
        Assert.Contains("<encryptedSecret", key.Xml);
        Assert.DoesNotContain("<masterKey", key.Xml);
    }

    [Fact]
    public async Task A_certificate_that_cannot_be_read_stops_the_app_at_start_up_saying_which_setting()
    {
        var path = Certificate("Cert-Pass-2026");
        var (exitCode, output, error) = await AppProcess.RunDashboardAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:Marten"] = await TestDatabase.ConnectionStringAsync(),
            ["Marten:Schema"] = TestDatabase.NewSchema("keyring"),
            ["DataProtection:Certificate"] = path,
            ["DataProtection:CertificatePassword"] = "wrong",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("DataProtection:Certificate could not be read (is DataProtection:CertificatePassword right?)", error);
        Assert.DoesNotContain("   at ", error + output);
    }
}
