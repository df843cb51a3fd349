using StyleGallery.Engine.Models;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace StyleGallery.Engine.Fast;

/// <summary>
/// Copies a safetensors file into a module's parameters by name. Every parameter must be present with exactly its
/// shape and the file may hold nothing else, so a wrong or truncated file fails loudly instead of half-loading.
/// </summary>
public static class StrictWeightLoader
{
    public static void Load(Module module, string path)
    {
        var file = SafeTensorsFile.Open(path);
        var parameters = module.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        CheckNames(parameters.Keys, file.Entries.Select(e => e.Name), path);
        foreach (var (name, parameter) in parameters) CheckShape(name, parameter.shape, file[name].Shape, path);
        using var noGrad = no_grad();
        foreach (var (name, parameter) in parameters)
        {
            using var stored = file.Read(name);
            parameter.copy_(stored);
        }
    }

    private static void CheckNames(IEnumerable<string> expected, IEnumerable<string> stored, string path)
    {
        var missing = expected.Except(stored).Order(StringComparer.Ordinal).ToList();
        var unexpected = stored.Except(expected).Order(StringComparer.Ordinal).ToList();
        if (missing.Count == 0 && unexpected.Count == 0) return;
        var problems = new List<string>();
        if (missing.Count > 0) problems.Add("missing tensors: " + string.Join(", ", missing));
        if (unexpected.Count > 0) problems.Add("unexpected tensors: " + string.Join(", ", unexpected));
        throw new InvalidWeightsException($"{path}: does not match the network ({string.Join("; ", problems)}).");
    }

    private static void CheckShape(string name, long[] expected, long[] stored, string path)
    {
        if (!expected.SequenceEqual(stored))
            throw new InvalidWeightsException(
                $"{path}: tensor '{name}' has shape [{string.Join(",", stored)}], the network needs [{string.Join(",", expected)}].");
    }
}
