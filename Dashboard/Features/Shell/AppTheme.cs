using MudBlazor;

namespace AntiFraud.Dashboard.Features.Shell;

/// <summary>One theme, two palettes: a dark high-contrast one for wall screens and a light one for desks.</summary>
public static class AppTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteDark = new PaletteDark
        {
            Black = "#05080d",
            Background = "#0a0f18",
            Surface = "#121a27",
            DrawerBackground = "#0d1420",
            AppbarBackground = "#0d1420",
            AppbarText = "#eef3fb",
            DrawerText = "#dbe4f1",
            TextPrimary = "#eef3fb",
            TextSecondary = "#aab8cc",
            Primary = "#4cc2ff",
            // Dark text on the bright accents: white on light blue, yellow or green is unreadable on a wall.
            PrimaryContrastText = "#0a0f18",
            Secondary = "#8fa6ff",
            SecondaryContrastText = "#0a0f18",
            InfoContrastText = "#0a0f18",
            SuccessContrastText = "#0a0f18",
            WarningContrastText = "#0a0f18",
            Info = "#4cc2ff",
            Success = "#3ddc97",
            Warning = "#ffc53d",
            Error = "#ff4d4f",
            LinesDefault = "#2a3648",
            TableLines = "#2a3648",
            Divider = "#2a3648",
            ActionDefault = "#dbe4f1",
        },
        PaletteLight = new PaletteLight
        {
            Primary = "#0b5cad",
            Secondary = "#4a5fc1",
            AppbarBackground = "#0b2545",
            AppbarText = "#ffffff",
            Warning = "#b7791f",
            WarningContrastText = "#ffffff",
            Error = "#c62828",
            Background = "#f4f6fa",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC", "Roboto", "Helvetica", "Arial", "sans-serif"],
            },
            // Buttons say what they do as written ("Download PDF (English)"), not in capitals: Chinese has none, and English
            // labels in capitals read as shouting and are harder to scan.
            Button = new ButtonTypography { TextTransform = "none" },
        },
    };
}
