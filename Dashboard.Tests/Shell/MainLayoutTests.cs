using AntiFraud.Dashboard.Features.Shell;
using AntiFraud.Dashboard.Tests.Harness;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace AntiFraud.Dashboard.Tests.Shell;

public sealed class MainLayoutTests : ComponentTestContext
{
    private IRenderedComponent<MainLayout> RenderLayout(bool dark = true) =>
        Render<MainLayout>(p => p
            .AddCascadingValue("InitialDarkMode", dark)
            .Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p id='page-body'>page</p>"))));

    [Fact]
    public void Shows_the_product_name_navigation_and_the_page_in_Chinese_by_default()
    {
        var layout = RenderLayout();

        Assert.Contains("反诈指挥中心", layout.Find(".app-title").TextContent);
        Assert.Contains("首页", layout.Find("nav").TextContent);
        Assert.NotNull(layout.Find("main#main #page-body"));
        Assert.Equal("#main", layout.Find("a.skip-link").GetAttribute("href"));
    }

    [Fact]
    public void Theme_toggle_switches_between_the_dark_wall_theme_and_the_light_theme_and_remembers_it()
    {
        var layout = RenderLayout(dark: true);
        Assert.Equal("dark", layout.Find("main").GetAttribute("data-theme"));

        layout.Find("[data-testid=theme-toggle]").Click();

        layout.WaitForAssertion(() => Assert.Equal("light", layout.Find("main").GetAttribute("data-theme")));
        var remembered = Assert.Single(JSInterop.Invocations, i => i.Identifier == "antiFraud.rememberTheme");
        Assert.Equal("light", remembered.Arguments[0]);
    }

    [Fact]
    public void Language_switch_offers_both_languages_named_in_themselves_with_the_current_one_pressed()
    {
        var layout = RenderLayout();

        var chinese = layout.Find("[data-culture=zh-CN]");
        var english = layout.Find("[data-culture=en]");
        Assert.Equal("简体中文", chinese.TextContent.Trim());
        Assert.Equal("English", english.TextContent.Trim());
        Assert.Equal("true", chinese.GetAttribute("aria-pressed"));
        Assert.Equal("false", english.GetAttribute("aria-pressed"));
    }

    [Fact]
    public void Language_switch_goes_through_the_culture_endpoint_and_back_to_the_same_page()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("regions/440000");
        var layout = RenderLayout();

        layout.Find("[data-culture=en]").Click();

        Assert.EndsWith("culture?name=en&returnUrl=%2Fregions%2F440000", navigation.Uri);
    }
}

public sealed class MainLayoutInEnglishTests() : ComponentTestContext("en")
{
    [Fact]
    public void Shows_English_text_when_the_culture_is_English()
    {
        var layout = Render<MainLayout>(p => p.AddCascadingValue("InitialDarkMode", true));

        Assert.Contains("Anti-Fraud Command Centre", layout.Find(".app-title").TextContent);
        Assert.Contains("Home", layout.Find("nav").TextContent);
        Assert.Equal("true", layout.Find("[data-culture=en]").GetAttribute("aria-pressed"));
    }
}
