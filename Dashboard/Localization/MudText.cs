using System.Collections.Frozen;
using System.Globalization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AntiFraud.Dashboard.Localization;

/// <summary>
/// Chinese for the words MudBlazor writes itself: pager and filter labels, the screen-reader names of its buttons (close, clear,
/// previous and next page or month) and its conversion errors ("不是有效的数字" where a number field gets letters). Other cultures get
/// MudBlazor's own English. Placeholders ({0}, {1}, {2}) are the ones MudBlazor's English strings take.
/// </summary>
public sealed class MudText : MudLocalizer
{
    private static readonly FrozenDictionary<string, string> Chinese = new Dictionary<string, string>
    {
        ["MudAlert_Close"] = "关闭提示",
        ["MudChip_Close"] = "移除",
        ["MudDialog_Close"] = "关闭对话框",
        ["MudSnackbar_Close"] = "关闭通知",
        ["MudInput_Clear"] = "清除",
        ["MudInput_Increment"] = "增加",
        ["MudInput_Decrement"] = "减少",
        ["MudNavGroup_ToggleExpand"] = "展开或收起{0}",
        ["MudBaseDatePicker_PrevYear"] = "上一年 {0}",
        ["MudBaseDatePicker_NextYear"] = "下一年 {0}",
        ["MudBaseDatePicker_PrevMonth"] = "上个月 {0}",
        ["MudBaseDatePicker_NextMonth"] = "下个月 {0}",
        ["MudPagination_CurrentPage"] = "当前第 {0} 页",
        ["MudPagination_PageIndex"] = "第 {0} 页",
        ["MudPagination_FirstPage"] = "第一页",
        ["MudPagination_PreviousPage"] = "上一页",
        ["MudPagination_NextPage"] = "下一页",
        ["MudPagination_LastPage"] = "最后一页",
        ["MudTablePager_FirstPage"] = "第一页",
        ["MudTablePager_PreviousPage"] = "上一页",
        ["MudTablePager_NextPage"] = "下一页",
        ["MudTablePager_LastPage"] = "最后一页",
        ["MudDataGridPager_FirstPage"] = "第一页",
        ["MudDataGridPager_PreviousPage"] = "上一页",
        ["MudDataGridPager_NextPage"] = "下一页",
        ["MudDataGridPager_LastPage"] = "最后一页",
        ["MudDataGridPager_RowsPerPage"] = "每页行数：",
        ["MudDataGridPager_AllItems"] = "全部",
        ["MudDataGridPager_InfoFormat"] = "第 {0}–{1} 条，共 {2} 条",
        ["MudDataGrid_Loading"] = "正在加载…",
        ["MudDataGrid_Apply"] = "应用",
        ["MudDataGrid_Cancel"] = "取消",
        ["MudDataGrid_Save"] = "保存",
        ["MudDataGrid_Clear"] = "清除",
        ["MudDataGrid_AddFilter"] = "添加筛选",
        ["MudDataGrid_ClearFilter"] = "清除筛选",
        ["MudDataGrid_RemoveFilter"] = "移除筛选",
        ["MudDataGrid_OpenFilters"] = "打开筛选",
        ["MudDataGrid_Filter"] = "筛选",
        ["MudDataGrid_FilterValue"] = "筛选值",
        ["MudDataGrid_Column"] = "列",
        ["MudDataGrid_Columns"] = "列",
        ["MudDataGrid_Operator"] = "条件",
        ["MudDataGrid_Value"] = "值",
        ["MudDataGrid_Sort"] = "排序",
        ["MudDataGrid_Unsort"] = "取消排序",
        ["MudDataGrid_Hide"] = "隐藏",
        ["MudDataGrid_HideAll"] = "全部隐藏",
        ["MudDataGrid_ShowAll"] = "全部显示",
        ["MudDataGrid_ShowColumnOptions"] = "列选项",
        ["MudDataGrid_Group"] = "分组",
        ["MudDataGrid_Ungroup"] = "取消分组",
        ["MudDataGrid_ExpandAllGroups"] = "展开全部分组",
        ["MudDataGrid_CollapseAllGroups"] = "收起全部分组",
        ["MudDataGrid_ToggleGroupExpansion"] = "展开或收起分组",
        ["MudDataGrid_RefreshData"] = "刷新数据",
        ["MudDataGrid_MoveUp"] = "上移",
        ["MudDataGrid_MoveDown"] = "下移",
        ["MudDataGrid_True"] = "是",
        ["MudDataGrid_False"] = "否",
        ["MudDataGrid_Contains"] = "包含",
        ["MudDataGrid_NotContains"] = "不包含",
        ["MudDataGrid_Equals"] = "等于",
        ["MudDataGrid_NotEquals"] = "不等于",
        ["MudDataGrid_StartsWith"] = "开头是",
        ["MudDataGrid_EndsWith"] = "结尾是",
        ["MudDataGrid_IsEmpty"] = "为空",
        ["MudDataGrid_IsNotEmpty"] = "不为空",
        ["MudDataGrid_Is"] = "是",
        ["MudDataGrid_IsNot"] = "不是",
        ["MudDataGrid_IsAfter"] = "晚于",
        ["MudDataGrid_IsOnOrAfter"] = "不早于",
        ["MudDataGrid_IsBefore"] = "早于",
        ["MudDataGrid_IsOnOrBefore"] = "不晚于",
        ["Converter_InvalidBoolean"] = "不是有效的是/否值",
        ["Converter_InvalidNumber"] = "不是有效的数字",
        ["Converter_InvalidGUID"] = "不是有效的标识",
        ["Converter_InvalidDateTime"] = "不是有效的日期时间",
        ["Converter_InvalidTimeSpan"] = "不是有效的时长",
        ["Converter_NotValueOf"] = "不是{0}中的值",
        ["Converter_InvalidType"] = "不是有效的{0}",
        ["Converter_ConversionError"] = "转换出错：{0}",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public override LocalizedString this[string key] =>
        CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) && Chinese.TryGetValue(key, out var text)
            ? new LocalizedString(key, text, resourceNotFound: false)
            : base[key];
}
