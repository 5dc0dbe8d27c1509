namespace AntiFraud.Dashboard.Tests.Harness;

/// <summary>Tests that drive a real browser share one Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Browser>
{
    public const string Name = "browser";
}
