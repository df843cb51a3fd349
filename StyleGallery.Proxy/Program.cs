namespace StyleGallery.Proxy;

/// <summary>
/// Entry point: <c>dotnet StyleGallery.Proxy.dll --urls http://0.0.0.0:8080 --Proxy:Destinations:0=http://10.0.0.1:5000</c>.
/// Not a top-level program: those generate a global <c>Program</c>, which would clash with the web app's in the tests
/// that reference both projects.
/// </summary>
internal static class ProxyProgram
{
    private static void Main(string[] args) => ProxyApp.Build(args).Run();
}
