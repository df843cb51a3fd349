using StyleGallery.Engine.Fast;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Training;

/// <summary>
/// A transformation network's learnt state by name: parameters plus batch norm's running statistics (which
/// <see cref="StrictWeightLoader"/> does not cover). The integer batch counter is left out: with a fixed momentum it
/// is never read, and the safetensors writer stores float32 only.
/// </summary>
public static class NetworkState
{
    public static IEnumerable<KeyValuePair<string, Tensor>> Of(TransformerNet net) =>
        net.state_dict().Where(kv => kv.Value.is_floating_point());

    /// <summary>Copies every float tensor of the state from <paramref name="read"/>; a missing or misshapen one fails.</summary>
    /// <exception cref="InvalidCheckpointException"/>
    public static void Restore(TransformerNet net, Func<string, Tensor?> read, string source)
    {
        using var noGrad = no_grad();
        foreach (var (name, target) in Of(net))
        {
            using var stored = read(name) ?? throw new InvalidCheckpointException($"{source}: tensor '{name}' is missing; was it saved by another architecture?");
            if (!stored.shape.SequenceEqual(target.shape))
                throw new InvalidCheckpointException(
                    $"{source}: '{name}' has shape [{string.Join(",", stored.shape)}], the network needs [{string.Join(",", target.shape)}].");
            target.copy_(stored);
        }
    }
}
