using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace StyleGallery.Bench.Servers;

/// <summary>
/// A real RabbitMQ broker (Debian's <c>rabbitmq-server</c> package) for the tests and the cluster benchmark: a node of our own, never the
/// system service, in a temporary folder (data, logs, config, Erlang cookie), listening only on 127.0.0.1 on free
/// ports, with a private epmd on a free loopback port too, so parallel test runs and a system broker never meet.
/// <see cref="Shared"/> is one broker per test run, started on first use and stopped when the test process exits;
/// <see cref="StartNew"/> gives a test a broker of its own to <see cref="Stop"/> and <see cref="Start"/> again (same
/// ports, same data: durable queues and persistent messages survive) and to dispose. A broker start takes a few
/// seconds, so share where a test does not stop the broker. As root (here and in CI) the node runs as the
/// <c>rabbitmq</c> OS user, as <see cref="PostgresServer"/> runs PostgreSQL as <c>postgres</c>. When the package is
/// missing <see cref="SkipReason"/> says so and the tests are skipped (<see cref="RabbitMqFactAttribute"/>);
/// run-tests.sh installs it.
/// </summary>
public sealed class RabbitMqServer : IDisposable
{
    private const string FolderPrefix = "sg-rmq-";

    private const string OsUser = "rabbitmq";

    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(60);

    private static readonly Lazy<RabbitMqServer> s_shared = new(StartNew, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Lock _lock = new();

    private readonly string _folder;

    private readonly string _nodeName;

    private readonly int _distPort;

    private readonly int _epmdPort;

    private Process? _process;

    private bool _disposed;

    private RabbitMqServer(string folder, string nodeName, int port, int distPort, int epmdPort) =>
        (_folder, _nodeName, Port, _distPort, _epmdPort) = (folder, nodeName, port, distPort, epmdPort);

    /// <summary>Why the RabbitMQ tests cannot run here, or null when they can.</summary>
    public static string? UnavailableReason { get; } = FindUnavailableReason();

    /// <summary>
    /// Why the RabbitMQ tests are skipped, or null when they run. run-tests.sh (and so CI) sets
    /// STYLEGALLERY_REQUIRE_RABBITMQ=1 after installing the broker: there a missing broker fails the tests instead.
    /// </summary>
    public static string? SkipReason =>
        UnavailableReason is { } reason && Environment.GetEnvironmentVariable("STYLEGALLERY_REQUIRE_RABBITMQ") != "1" ? "SKIPPED: " + reason : null;

    /// <summary>
    /// The broker of this test run, started on first use; a failed start fails every test that uses it, with the
    /// broker's log. Never stop or dispose it (other tests use it): take <see cref="StartNew"/> for that.
    /// </summary>
    public static RabbitMqServer Shared => s_shared.Value;

    /// <summary>Always 127.0.0.1: the broker listens on loopback only.</summary>
    public string Host { get; } = "127.0.0.1";

    /// <summary>The AMQP port; the same after a <see cref="Stop"/> and <see cref="Start"/>.</summary>
    public int Port { get; }

    /// <summary>RabbitMQ's default user, which it lets in from loopback only (its <c>loopback_users</c> default).</summary>
    public string Username { get; } = "guest";

    /// <inheritdoc cref="Username"/>
    public string Password { get; } = "guest";

    /// <summary><c>amqp://guest:guest@127.0.0.1:port/</c>, the default virtual host.</summary>
    public Uri AmqpUri => new($"amqp://{Username}:{Password}@{Host}:{Port}/");

    /// <summary>Whether the broker runs (between a <see cref="Start"/> and a <see cref="Stop"/>).</summary>
    public bool IsRunning
    {
        get
        {
            lock (_lock) return _process is { HasExited: false };
        }
    }

    /// <summary>
    /// Starts a broker of the caller's own on new free ports and returns once it accepts AMQP connections. Dispose it
    /// at the end of the test (it is stopped at process exit anyway).
    /// </summary>
    /// <exception cref="InvalidOperationException">The package is missing, or the broker did not start (with its log).</exception>
    public static RabbitMqServer StartNew()
    {
        if (UnavailableReason is { } reason) throw new InvalidOperationException(reason);
        StopAbandonedServers();
        // A free port can be taken between asking and binding, so try a few.
        for (var attempt = 1; ; attempt++)
        {
            var folder = Path.Combine(ServersRoot, $"{FolderPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
            var nodeName = $"sg{Environment.ProcessId}x{Guid.NewGuid().ToString("N")[..8]}@localhost";
            var ports = FreePorts(3);
            var server = new RabbitMqServer(folder, nodeName, ports[0], ports[1], ports[2]);
            server.WriteFolder();
            StartWatchdog(folder, server._epmdPort);
            try
            {
                server.Start();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => server.SignalShutdown();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                server.Dispose();
            }
            catch
            {
                server.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// Starts the broker again after a <see cref="Stop"/>, on the same ports and with the same data, and returns once
    /// it accepts AMQP connections; does nothing while it runs.
    /// </summary>
    /// <exception cref="InvalidOperationException">The broker did not start in time (the message holds its log).</exception>
    public void Start()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_process is { HasExited: false }) return;
            _process?.Dispose();
            _process = Process.Start(ServerStartInfo())!;
            var clock = Stopwatch.StartNew();
            while (!AcceptsAmqp())
            {
                if (_process.HasExited)
                    throw new InvalidOperationException($"The RabbitMQ node {_nodeName} exited with code {_process.ExitCode} while starting.\n{LogTail()}");
                if (clock.Elapsed > s_startTimeout)
                {
                    StopProcess();
                    throw new InvalidOperationException(
                        $"The RabbitMQ node {_nodeName} did not accept AMQP connections on {Host}:{Port} within {s_startTimeout.TotalSeconds:0} s.\n{LogTail()}");
                }
                Thread.Sleep(100);
            }
        }
    }

    /// <summary>
    /// Stops the broker cleanly (SIGTERM: it closes its connections and flushes its queues) and returns once its
    /// process has exited and its port refuses connections; does nothing while it is stopped.
    /// </summary>
    public void Stop()
    {
        lock (_lock)
        {
            if (_process is null) return;
            StopProcess();
        }
    }

    /// <summary>Stops the broker and its epmd and deletes its folder. Does nothing to <see cref="Shared"/>.</summary>
    public void Dispose()
    {
        if (s_shared.IsValueCreated && ReferenceEquals(s_shared.Value, this)) return;
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            if (_process is not null) StopProcess();
            StopEpmd(_epmdPort);
            DeleteFolder(_folder);
        }
    }

    private void StopProcess()
    {
        var process = _process!;
        if (!process.HasExited)
        {
            SignalShutdown();
            if (!process.WaitForExit(s_stopTimeout))
            {
                if (BrokerPid(_folder) is { } pid) Signal("KILL", pid);
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }
        process.Dispose();
        _process = null;
        // The VM has exited, so its listener is gone; wait the moment the kernel may take to say so.
        for (var i = 0; i < 100 && AcceptsTcp(); i++) Thread.Sleep(50);
    }

    /// <summary>
    /// SIGTERM to the Erlang VM: RabbitMQ's handler stops the node cleanly. The test host gets little time after its
    /// last test, so at exit this only sends the signal; the watchdog waits for the node and deletes the folder.
    /// </summary>
    private void SignalShutdown()
    {
        if (BrokerPid(_folder) is { } pid) Signal("TERM", pid);
        // Before the VM wrote its pid file: runuser passes the signal on to the startup script, which stops the VM.
        else if (_process is { HasExited: false } process) Signal("TERM", process.Id);
    }

    /// <summary>The config, the empty plugin list and the HOME for the Erlang cookie, all owned by the broker's user.</summary>
    private void WriteFolder()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "home"));
        File.WriteAllText(Path.Combine(_folder, "epmd.port"), _epmdPort.ToString(CultureInfo.InvariantCulture));
        // An empty list: no management plugin (it would open another port and slow the start).
        File.WriteAllText(Path.Combine(_folder, "enabled_plugins"), "[].\n");
        // Read by the startup script instead of /etc/rabbitmq/rabbitmq-env.conf, so the system's settings stay out.
        File.WriteAllText(Path.Combine(_folder, "rabbitmq-env.conf"), "");
        File.WriteAllText(Path.Combine(_folder, "rabbitmq.conf"), $"""
            # Written by StyleGallery.Tests' RabbitMqServer.
            listeners.tcp.default = {Host}:{Port}
            # A training holds its message unacked for up to an hour (it is acked when the training ends, so a worker
            # that dies mid-training hands it to another). RabbitMQ's default consumer_timeout (30 min) would close the
            # channel under it; 3 h leaves room. The cluster's production broker needs the same setting.
            consumer_timeout = 10800000
            # Keep the logs in the folder, not on the console as well.
            log.console = false

            """);
        if (RunsAsRoot) Run("chown", ["-R", OsUser + ":", _folder]);
    }

    private ProcessStartInfo ServerStartInfo()
    {
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = Path.Combine(_folder, "home"),
            ["RABBITMQ_NODENAME"] = _nodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = Host,
            ["RABBITMQ_NODE_PORT"] = Port.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = _distPort.ToString(CultureInfo.InvariantCulture),
            ["ERL_EPMD_PORT"] = _epmdPort.ToString(CultureInfo.InvariantCulture),
            ["ERL_EPMD_ADDRESS"] = Host,
            // The distribution listener (for rabbitmqctl) on loopback only, too.
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_folder, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(_folder, "log"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(_folder, "rabbitmq.pid"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(_folder, "rabbitmq.conf"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(_folder, "advanced.config"),
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(_folder, "rabbitmq-env.conf"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_folder, "enabled_plugins"),
        };
        // setsid: a session of its own, away from the terminal's Ctrl+C. The shell sends the broker's console output
        // to a file before anything else runs, so nothing holds the test host's output pipes open after it exits.
        const string script = """log=$1; shift; exec </dev/null >>"$log" 2>&1; exec "$@" """;
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false, WorkingDirectory = _folder };
        foreach (var a in new[] { "sh", "-c", script, "rabbitmq-node", Path.Combine(_folder, "console.log") }) info.ArgumentList.Add(a);
        // runuser resets HOME, so the variables go through env, after it.
        if (RunsAsRoot)
        {
            foreach (var a in new[] { "runuser", "-u", OsUser, "--" }) info.ArgumentList.Add(a);
        }
        info.ArgumentList.Add("env");
        foreach (var (name, value) in environment) info.ArgumentList.Add($"{name}={value}");
        info.ArgumentList.Add(ServerScript);
        return info;
    }

    /// <summary>Whether the port answers an AMQP protocol header with a frame (Connection.Start), not just accepts.</summary>
    private bool AcceptsAmqp()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            using var stream = client.GetStream();
            stream.ReadTimeout = 5000;
            stream.Write("AMQP\0\0\u0009\u0001"u8);
            return stream.ReadByte() == 1; // frame type 1: a method frame
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return false;
        }
    }

    private bool AcceptsTcp()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private string LogTail()
    {
        var parts = new List<string>();
        foreach (var file in new[] { Path.Combine(_folder, "console.log"), Path.Combine(_folder, "log", _nodeName + ".log") })
        {
            var lines = File.Exists(file) ? File.ReadAllLines(file) : ["(none)"];
            parts.Add($"{file} (last lines):\n{string.Join('\n', lines.TakeLast(40))}");
        }
        return string.Join("\n", parts);
    }

    /// <summary>
    /// A detached shell that outlives the test process: once that process is gone, however it ended (a test host
    /// killed after its run, a crash), it stops the broker if it still runs, stops its epmd and deletes the folder.
    /// It leaves alone a folder that <see cref="Dispose"/> already deleted (its epmd port may serve another by then).
    /// </summary>
    private static void StartWatchdog(string folder, int epmdPort)
    {
        const string script = """
            exec </dev/null >/dev/null 2>&1
            while kill -0 "$1"; do sleep 0.5; done
            [ -d "$2" ] || exit 0
            pid=$(cat "$2/rabbitmq.pid")
            if [ -n "$pid" ] && grep -q beam "/proc/$pid/cmdline"; then
              kill -TERM "$pid"
              for _ in $(seq 300); do kill -0 "$pid" || break; sleep 0.1; done
              kill -KILL "$pid"
            fi
            # epmd refuses -kill while the node is still registered, which it is until its VM has quite gone.
            for _ in $(seq 20); do epmd -port "$3" -kill; epmd -port "$3" -names || break; sleep 0.5; done
            rm -rf "$2"
            """;
        var info = new ProcessStartInfo("setsid", ["sh", "-c", script, "rabbitmq-watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), folder,
            epmdPort.ToString(CultureInfo.InvariantCulture)])
        { UseShellExecute = false };
        using var _ = Process.Start(info);
    }

    /// <summary>Stops brokers left by test processes that were killed before their watchdog could (or with it).</summary>
    private static void StopAbandonedServers()
    {
        foreach (var folder in Directory.EnumerateDirectories(ServersRoot, FolderPrefix + "*"))
        {
            var owner = Path.GetFileName(folder)[FolderPrefix.Length..].Split('-')[0];
            if (!int.TryParse(owner, out var ownerPid) || IsAlive(ownerPid)) continue;
            if (BrokerPid(folder) is { } pid && IsAlive(pid))
            {
                Signal("TERM", pid);
                for (var i = 0; i < 300 && IsAlive(pid); i++) Thread.Sleep(100);
                if (IsAlive(pid)) Signal("KILL", pid);
            }
            if (int.TryParse(ReadFirstLine(Path.Combine(folder, "epmd.port")), out var epmdPort)) StopEpmd(epmdPort);
            DeleteFolder(folder);
        }
    }

    /// <summary>Stops the private epmd on that port (it outlives the node; refuses while a node is registered).</summary>
    private static void StopEpmd(int port)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("epmd", ["-port", port.ToString(CultureInfo.InvariantCulture), "-kill"])
            { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })!;
            process.WaitForExit(5000);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No epmd program: no epmd to stop.
        }
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static int? BrokerPid(string folder) => int.TryParse(ReadFirstLine(Path.Combine(folder, "rabbitmq.pid")), out var pid) ? pid : null;

    private static string? ReadFirstLine(string file)
    {
        try
        {
            return File.ReadLines(file).FirstOrDefault()?.Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void Signal(string signal, int pid) =>
        Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)])?.WaitForExit(1000);

    private static bool IsAlive(int pid)
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

    /// <summary>Distinct free loopback ports: all listeners are held open together, so none is handed out twice.</summary>
    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            foreach (var listener in listeners) listener.Start();
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners) listener.Stop();
        }
    }

    private static bool RunsAsRoot => Environment.UserName == "root";

    /// <summary>Where broker folders go: /tmp as root, since the rabbitmq user cannot enter root's own temporary folder.</summary>
    private static string ServersRoot => RunsAsRoot ? "/tmp" : Path.GetTempPath();

    /// <summary>Runs a program and throws with its output when it fails.</summary>
    private static void Run(string program, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n{output.Result}{error.Result}");
    }

    private static string? FindUnavailableReason()
    {
        const string install = "Install it (apt-get install rabbitmq-server) or run ./run-tests.sh, which does.";
        if (!File.Exists(ServerScript))
            return $"No RabbitMQ server is installed (no {ServerScript}): the RabbitMQ tests cannot run. {install}";
        if (RunsAsRoot && !File.ReadLines("/etc/passwd").Any(l => l.StartsWith(OsUser + ":", StringComparison.Ordinal)))
            return $"Running as root without a '{OsUser}' user to run the broker as: the RabbitMQ tests cannot run. {install}";
        return null;
    }
}
