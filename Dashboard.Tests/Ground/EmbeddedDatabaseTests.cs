using AntiFraud.Dashboard.Hosting.Embedded;
using Npgsql;

namespace AntiFraud.Dashboard.Tests.Ground;

public sealed class EmbeddedDatabaseTests
{
    [Fact]
    public async Task Data_written_to_the_embedded_cluster_survives_a_stop_and_a_new_start_on_the_same_folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"antifraud-embedded-{Guid.NewGuid():N}");
        try
        {
            var first = new PostgresCluster(Path.Combine(folder, "data"));
            await first.StartAsync();
            await ExecuteAsync(first, "create table shift_note(text text); insert into shift_note values ('夜班交接')");
            await first.StopAsync();

            var second = new PostgresCluster(Path.Combine(folder, "data"));
            await second.StartAsync();
            var text = await ExecuteAsync(second, "select text from shift_note");
            await second.StopAsync();

            Assert.Equal("夜班交接", text);
            Assert.False(File.Exists(Path.Combine(folder, "data", "postmaster.pid")), "the server is stopped cleanly");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Without_PostgreSQL_binaries_start_up_names_what_to_install_or_configure()
    {
        var error = Assert.Throws<StartupException>(() => PostgresBinaries.Locate(searchPath: Path.GetTempPath()));

        Assert.Contains("install the PostgreSQL server binaries", error.Message);
        Assert.Contains("ConnectionStrings:Marten", error.Message);
    }

    private static async Task<object?> ExecuteAsync(PostgresCluster cluster, string sql)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
