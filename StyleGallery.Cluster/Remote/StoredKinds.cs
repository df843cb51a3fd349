using StyleGallery.Engine.Client;

namespace StyleGallery.Cluster.Remote;

/// <summary>The names durable jobs' rows give their kinds (the engine's job kinds), both ways.</summary>
internal static class StoredKinds
{
    public static string NameOf(JobKind kind) => kind switch
    {
        JobKind.Optimise => "gatys",
        JobKind.Train => "train",
        JobKind.Video => "video",
        JobKind.Distill => "distill",
        JobKind.Print => "print",
        _ => "fast",
    };

    public static JobKind KindOf(string name) => name switch
    {
        "gatys" => JobKind.Optimise,
        "train" => JobKind.Train,
        "video" => JobKind.Video,
        "distill" => JobKind.Distill,
        "print" => JobKind.Print,
        _ => JobKind.Fast,
    };
}
