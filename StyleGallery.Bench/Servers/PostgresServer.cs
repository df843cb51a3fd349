using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace StyleGallery.Bench.Servers;

/// <summary>
/// A real PostgreSQL server (Debian's <c>postgresql</c> package) for the tests and the cluster benchmark: one per test run, started on first
/// use in a temporary folder, listening only on 127.0.0.1 on a free port (trust authentication, loopback only), and
/// stopped when the test process exits. Each test gets a fresh database of its own from <see cref="CreateDatabase"/>.
/// initdb refuses to run as root, so as root (here and in CI) the server runs as the <c>postgres</c> OS user.
/// When the binaries are missing <see cref="SkipReason"/> says so and the PostgreSQL tests are skipped
/// (<see cref="PostgresFactAttribute"/>, <see cref="PostgresDataAttribute"/>); run-tests.sh installs them.
/// </summary>
public sealed class PostgresServer
{
    private const string FolderPrefix = "sg-pg-";

    private const string Superuser = "postgres";

    private static readonly Lazy<PostgresServer> s_shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _folder;

    private readonly int _port;

    private PostgresServer(string folder, int port) => (_folder, _port) = (folder, port);

    /// <summary>The folder of initdb/pg_ctl: the newest <c>/usr/lib/postgresql/N/bin</c>; null when none is installed.</summary>
    public static string? BinDirectory { get; } = FindBinDirectory();

    /// <summary>Why the PostgreSQL tests cannot run here, or null when they can.</summary>
    public static string? UnavailableReason { get; } = FindUnavailableReason();

    /// <summary>
    /// Why the PostgreSQL tests are skipped, or null when they run. run-tests.sh (and so CI) sets
    /// STYLEGALLERY_REQUIRE_POSTGRES=1 after installing the server: there a missing server fails the tests instead.
    /// </summary>
    public static string? SkipReason =>
        UnavailableReason is { } reason && Environment.GetEnvironmentVariable("STYLEGALLERY_REQUIRE_POSTGRES") != "1" ? "SKIPPED: " + reason : null;

    /// <summary>The server of this test run, started on first use; a failed start fails every PostgreSQL test with its log.</summary>
    public static PostgresServer Shared => s_shared.Value;

    /// <summary>Makes an empty database with a new name and returns the connection string to it.</summary>
    public string CreateDatabase()
    {
        var name = "sg_" + Guid.NewGuid().ToString("N");
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        command.ExecuteNonQuery();
        return ConnectionString(name);
    }

    /// <summary>Drops a database made by <see cref="CreateDatabase"/>, closing its pooled connections first.</summary>
    public void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        using (var pooled = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(pooled);
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }

    private string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = _port, Username = Superuser, Database = database, Timeout = 30 }.ConnectionString;

    private static PostgresServer Start()
    {
        if (UnavailableReason is { } reason) throw new InvalidOperationException(reason);
        StopAbandonedServers();
        var folder = Path.Combine(ServersRoot, $"{FolderPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        if (RunsAsRoot) Run("chown", [Superuser + ":", folder], asPostgres: false);
        var data = Path.Combine(folder, "data");
        Run(Tool("initdb"), ["-D", data, "-A", "trust", "-U", Superuser, "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"]);

        // A free port can be taken between asking and binding, so try a few.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var settings = $"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
            try
            {
                Run(Tool("pg_ctl"), ["-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o", settings, "start"]);
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                continue;
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException(e.Message + "\nServer log:\n" + ReadLog(folder), e);
            }
            var server = new PostgresServer(folder, port);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => SignalShutdown(folder);
            StartWatchdog(folder);
            return server;
        }
    }

    /// <summary>
    /// At exit: asks the server for an immediate shutdown (its databases are throwaway). The test host gets little time
    /// after its last test, so this only sends the signal; the watchdog waits for the server and deletes the folder.
    /// </summary>
    private static void SignalShutdown(string folder)
    {
        if (PostmasterPid(folder) is { } pid) Process.Start("kill", ["-QUIT", pid.ToString(CultureInfo.InvariantCulture)])?.WaitForExit(1000);
    }

    /// <summary>
    /// A detached shell that outlives the test process: once that process is gone, however it ended (a test host
    /// killed after its run, a crash), it stops the server if it still runs and deletes the folder.
    /// </summary>
    private static void StartWatchdog(string folder)
    {
        const string script = """
            exec </dev/null >/dev/null 2>&1
            while kill -0 "$1"; do sleep 0.5; done
            pid=$(head -n 1 "$2/data/postmaster.pid")
            [ -n "$pid" ] && kill -QUIT "$pid"
            for _ in $(seq 100); do [ -e "$2/data/postmaster.pid" ] || break; sleep 0.1; done
            rm -rf "$2"
            """;
        var info = new ProcessStartInfo("setsid", ["sh", "-c", script, "postgres-watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), folder]) { UseShellExecute = false };
        using var _ = Process.Start(info);
    }

    /// <summary>Stops a server folder's postmaster, if any, and deletes the folder.</summary>
    private static void Stop(string folder)
    {
        if (PostmasterPid(folder) is { } pid && IsRunning(pid)) SignalShutdown(folder);
        for (var i = 0; i < 100 && File.Exists(Path.Combine(folder, "data", "postmaster.pid")); i++) Thread.Sleep(100);
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static int? PostmasterPid(string folder)
    {
        try
        {
            return int.TryParse(File.ReadLines(Path.Combine(folder, "data", "postmaster.pid")).FirstOrDefault(), out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Stops servers left by test processes that were killed before their exit handler ran.</summary>
    private static void StopAbandonedServers()
    {
        foreach (var folder in Directory.EnumerateDirectories(ServersRoot, FolderPrefix + "*"))
        {
            var owner = Path.GetFileName(folder)[FolderPrefix.Length..].Split('-')[0];
            if (int.TryParse(owner, out var pid) && !IsRunning(pid)) Stop(folder);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool RunsAsRoot => Environment.UserName == "root";

    /// <summary>Where server folders go: /tmp as root, since the postgres user cannot enter root's own temporary folder.</summary>
    private static string ServersRoot => RunsAsRoot ? "/tmp" : Path.GetTempPath();

    private static string Tool(string name) => Path.Combine(BinDirectory!, name);

    /// <summary>Runs a PostgreSQL program (as the postgres user when we are root) and throws with its output when it fails.</summary>
    private static void Run(string program, IReadOnlyList<string> arguments, bool asPostgres = true)
    {
        var info = new ProcessStartInfo
        {
            FileName = asPostgres && RunsAsRoot ? "runuser" : program,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = ServersRoot, // the postgres user may not enter the current folder
        };
        if (asPostgres && RunsAsRoot)
        {
            foreach (var a in new[] { "-u", Superuser, "--", program }) info.ArgumentList.Add(a);
        }
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill();
            throw new InvalidOperationException($"{Path.GetFileName(program)} did not finish in 2 minutes.");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n{output.Result}{error.Result}");
        }
    }

    private static string ReadLog(string folder)
    {
        var log = Path.Combine(folder, "server.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no log)";
    }

    private static string? FindBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root)) return null;
        return Directory.EnumerateDirectories(root)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
            .Where(d => File.Exists(Path.Combine(d.Dir, "initdb")) && File.Exists(Path.Combine(d.Dir, "pg_ctl")))
            .OrderByDescending(d => d.Version)
            .Select(d => d.Dir)
            .FirstOrDefault();
    }

    private static string? FindUnavailableReason()
    {
        const string install = "Install it (apt-get install postgresql) or run ./run-tests.sh, which does.";
        if (BinDirectory is null)
            return $"No PostgreSQL server is installed (no /usr/lib/postgresql/*/bin/initdb): the PostgreSQL half of the database tests cannot run. {install}";
        if (RunsAsRoot && !File.ReadLines("/etc/passwd").Any(l => l.StartsWith(Superuser + ":", StringComparison.Ordinal)))
            return $"Running as root without a '{Superuser}' user to run initdb as: the PostgreSQL half of the database tests cannot run. {install}";
        return null;
    }
}
