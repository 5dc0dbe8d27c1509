using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AntiFraud.Jobs.Cards;

public static class CardJobs
{
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<CardEvaluationJob>();
    }
}
