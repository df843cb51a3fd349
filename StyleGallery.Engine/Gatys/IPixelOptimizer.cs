using static TorchSharp.torch;

namespace StyleGallery.Engine.Gatys;

/// <summary>
/// One optimiser step per evaluation: given the image and the gradient of the loss there, the next image.
/// State lives outside dispose scopes and is freed by <see cref="IDisposable.Dispose"/>.
/// </summary>
internal interface IPixelOptimizer : IDisposable
{
    Tensor Next(Tensor image, Tensor gradient);
}
