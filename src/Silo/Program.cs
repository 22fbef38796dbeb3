using GitOps.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddGitOpsSilo();

var app = builder.Build();
app.MapGitOpsSilo();
app.Run();

/// <summary>The entry point, public so functional tests can host the silo with WebApplicationFactory.</summary>
public partial class Program;
