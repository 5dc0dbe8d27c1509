using Microsoft.JSInterop;

namespace AntiFraud.Dashboard.Features.Shell;

/// <summary>
/// Calls a screen makes into its browser for itself: draw or release a chart, focus a panel, caption a table. Such a call can
/// fail without anything being wrong with the screen: the browser has gone, the connection is closing and cancels the call, or
/// the script threw. None of these may end the screen's connection, which an exception escaping an after-render step or a
/// disposal does.
/// </summary>
public static class BrowserCalls
{
    /// <summary>True for the ways a call into the browser fails that the screen outlives.</summary>
    public static bool Failed(Exception e) => e is JSDisconnectedException or OperationCanceledException or JSException;
}
