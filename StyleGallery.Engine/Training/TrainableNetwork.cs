using StyleGallery.Engine.Fast;
using TorchSharp;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Training;

/// <summary>A fresh transformation network to train and the Adam over its parameters, as training and distillation start.</summary>
internal static class TrainableNetwork
{
    /// <summary>
    /// Module constructors draw from torch's global generator; seeding it right before is the only way to a
    /// reproducible initialisation (tests serialise torch work, see NOTES on global RNG).
    /// </summary>
    public static (TransformerNet Net, ParameterAdam Optimizer) Create(TransformerNetOptions options, long seed, double learningRate, Device device)
    {
        random.manual_seed(seed);
        var net = new TransformerNet(options);
        net.to(device);
        net.train();
        return (net, new ParameterAdam(net.named_parameters().Select(p => (p.name, (Tensor)p.parameter)), learningRate));
    }
}
