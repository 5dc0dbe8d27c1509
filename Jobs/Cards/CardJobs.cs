using System.ComponentModel.DataAnnotations;
using AntiFraud.Domain.Cards;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AntiFraud.Jobs.Cards;

public static class CardJobs
{
    /// <summary>The rules from the <c>Cards</c> section (the shipped defaults when it is absent), checked before anything starts.</summary>
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(CardRules.Section);
        var rules = section.Exists() ? section.Get<CardRules>() ?? CardRules.Default() : CardRules.Default();
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(rules, new ValidationContext(rules), errors, validateAllProperties: true))
            throw new InvalidOperationException("Invalid card rules: " + string.Join(" ", errors.Select(e => e.ErrorMessage)));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(Options.Create(rules));
        services.AddScoped<CardEvaluationJob>();
        services.AddScoped<CardDesk>();
    }
}
