using StyleGallery.Worker;

var builder = Host.CreateApplicationBuilder(args);
builder.AddStyleGalleryWorker();
builder.Build().Run();
