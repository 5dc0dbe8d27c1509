namespace AntiFraud.Domain.Cards;

/// <summary>The warning card a region holds for rectification (红黄牌警告, 挂牌整治).</summary>
public enum CardLevel
{
    Yellow = 1,
    Red = 2,
}
