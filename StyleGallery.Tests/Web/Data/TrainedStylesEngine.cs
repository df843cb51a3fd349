using System.Reflection;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;

namespace StyleGallery.Tests.Web.Data;

/// <summary>
/// An engine that knows only trained styles: <see cref="IStyleEngineClient.FastStyles"/> lists <see cref="Trained"/>,
/// <see cref="IStyleEngineClient.DeleteTrainedStyleAsync"/> removes one and records it; anything else is not supported.
/// (A <see cref="DispatchProxy"/>, which must stay unsealed.)
/// </summary>
#pragma warning disable CA1852 // DispatchProxy derives from it at run time
public class TrainedStylesEngine : DispatchProxy
#pragma warning restore CA1852
{
    public IStyleEngineClient Client { get; private set; } = null!;

    public HashSet<string> Trained { get; } = new(StringComparer.Ordinal);

    public List<string> Deleted { get; } = [];

    public static TrainedStylesEngine Create()
    {
        var client = DispatchProxy.Create<IStyleEngineClient, TrainedStylesEngine>();
        var fake = (TrainedStylesEngine)(object)client;
        fake.Client = client;
        return fake;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
    {
        nameof(IStyleEngineClient.FastStyles) => Trained
            .Select(id => new FastStyleInfo(id, id, null, null, "Trained here", FastStyleOrigin.User, IsInstalled: true))
            .ToList(),
        nameof(IStyleEngineClient.DeleteTrainedStyleAsync) => Task.FromResult(Delete((string)args![0]!)),
        _ => throw new NotSupportedException($"The fake engine does not answer {targetMethod?.Name}."),
    };

    private bool Delete(string styleId)
    {
        Deleted.Add(styleId);
        return Trained.Remove(styleId);
    }
}
