namespace AntiFraud.Jobs;

/// <summary>The stand-alone worker (filled in below).</summary>
public static class Worker
{
    public static int Main() => 0;
}
