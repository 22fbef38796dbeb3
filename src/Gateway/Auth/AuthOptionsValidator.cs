using Microsoft.Extensions.Options;

namespace GitOps.Gateway.Auth;

/// <summary>Checks the authentication settings at start-up: the token file is read here, so a bad line stops the start naming file:line.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.TokenFile))
            failures.AddRange(TokenFile.Read(options.TokenFile).Errors);
        if (options.MaxServiceAccountTokenSeconds < AuthOptions.MinServiceAccountTokenSeconds)
            failures.Add($"{AuthOptions.SectionName}:MaxServiceAccountTokenSeconds is {options.MaxServiceAccountTokenSeconds}; it must be at least {AuthOptions.MinServiceAccountTokenSeconds}.");
        if (string.IsNullOrWhiteSpace(options.ServiceAccountIssuer))
            failures.Add($"{AuthOptions.SectionName}:ServiceAccountIssuer is empty; set it to the URL the cluster's tokens name as issuer.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
