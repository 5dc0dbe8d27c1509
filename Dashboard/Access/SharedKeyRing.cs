using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace AntiFraud.Dashboard.Access;

/// <summary>One element of ASP.NET Core's data-protection key ring (a key or a revocation), as the framework wrote it.</summary>
public sealed class KeyRingElement
{
    /// <summary>The framework's name for the element (<c>key-{id}</c>, <c>revocation-{time}</c>).</summary>
    public string Id { get; set; } = "";
    public string Xml { get; set; } = "";
    public DateTimeOffset StoredAt { get; set; }
}

/// <summary>
/// The keys that protect sign-in cookies and antiforgery tokens, kept in the product's PostgreSQL beside everything else. Every
/// node of a scale-out deployment then reads the same key ring, so a person's next request may land on any node, and a node
/// that starts afresh (a new container, a new machine) does not sign everyone out. ASP.NET Core's default would keep the keys
/// in the home folder of each machine.
/// <para>
/// The framework caches the ring and reads it again when a key nears its expiry (90 days, a new one made 2 days before); while
/// the database is away, a node keeps using the ring it has.
/// </para>
/// </summary>
public sealed class SharedKeyRing(IDocumentStore store) : IXmlRepository
{
    /// <summary>Names the key ring's purpose, the same on every node whatever folder it runs from.</summary>
    public const string ApplicationName = "AntiFraudCenter";

    // The framework's interface is synchronous and the store's is asynchronous. The ring is read when a node first needs it and
    // again about once a day, and a key is written about once a quarter, so these calls wait on a pool thread (never on the
    // caller's own context, which may be a circuit's).
    public IReadOnlyCollection<XElement> GetAllElements() => Task.Run(async () =>
    {
        await using var session = store.QuerySession();
        var elements = await session.Query<KeyRingElement>().OrderBy(e => e.StoredAt).ToListAsync();
        return (IReadOnlyCollection<XElement>)[.. elements.Select(e => XElement.Parse(e.Xml))];
    }).GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName) => Task.Run(async () =>
    {
        await using var session = store.LightweightSession();
        session.Store(new KeyRingElement
        {
            Id = string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString() : friendlyName,
            Xml = element.ToString(SaveOptions.DisableFormatting),
            StoredAt = DateTimeOffset.UtcNow,
        });
        await session.SaveChangesAsync();
    }).GetAwaiter().GetResult();

    /// <summary>
    /// The ring in the database, the same purpose on every node, and, when <c>DataProtection:Certificate</c> names a PKCS #12 file
    /// (with <c>DataProtection:CertificatePassword</c>), every key encrypted with that certificate before it is stored, so the
    /// database alone does not hold what signs people in. Every node then needs the same certificate.
    /// </summary>
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        var protection = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (configuration["DataProtection:Certificate"] is { Length: > 0 } path)
        {
            if (!File.Exists(path))
                throw new Hosting.Embedded.StartupException($"DataProtection:Certificate names a file that does not exist: {path}");
            try
            {
                protection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(path, configuration["DataProtection:CertificatePassword"]));
            }
            catch (CryptographicException e)
            {
                throw new Hosting.Embedded.StartupException($"DataProtection:Certificate could not be read (is DataProtection:CertificatePassword right?): {e.Message}");
            }
        }
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new SharedKeyRing(provider.GetRequiredService<IDocumentStore>())));
    }
}
