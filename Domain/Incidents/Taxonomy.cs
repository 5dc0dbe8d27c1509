namespace AntiFraud.Domain.Incidents;

/// <summary>Fraud types of the taxonomy; the first four are over 70 % of cases.</summary>
public enum FraudType
{
    Loan,                       // 贷款
    OrderBrushing,              // 刷单返利
    PigButchering,              // 杀猪盘
    FakeCustomerService,        // 冒充客服
    FakeShopping,               // 虚假购物
    ImpersonatingAuthorities,   // 冒充公检法
    ImpersonatingAcquaintance,  // 冒充领导熟人
    FakeInvestment,             // 虚假投资理财
    GameTrading,                // 网络游戏产品虚假交易
    CreditRecord,               // 注销校园贷 / 征信
    Other,
}

/// <summary>How the criminal reached the victim; a criminal's app is over 60 % of cases.</summary>
public enum Channel { App, Call, Sms, InstantMessaging, Website, Other }

public enum PaymentTool { BankTransfer, Alipay, WeChatPay, DigitalCurrency, Other }

public enum AgeBand { Under18, From18To29, From30To44, From45To59, From60, Unknown }

/// <summary>The victim's occupation; finance staff are a named target group.</summary>
public enum Occupation { FinanceStaff, Student, Employee, SelfEmployed, CivilServant, Farmer, Retired, Unemployed, Other, Unknown }

/// <summary>Where the fraud den is: in China (with a county) or abroad.</summary>
public enum DenCountry { China, NorthernMyanmar, Cambodia, Philippines, Vietnam, Laos, Thailand, OtherAbroad }

public enum IncidentStatus { Reported, Filed, Solved, Closed }
