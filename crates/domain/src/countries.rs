//! Country names for ISO 3166 alpha-2 codes, in English and Chinese, for the countries of the
//! award's laureates and common candidates. Unknown codes are shown as the code itself.

pub const COUNTRIES: &[(&str, &str, &str)] = &[
    ("AR", "Argentina", "阿根廷"),
    ("AT", "Austria", "奥地利"),
    ("AU", "Australia", "澳大利亚"),
    ("BE", "Belgium", "比利时"),
    ("BR", "Brazil", "巴西"),
    ("CA", "Canada", "加拿大"),
    ("CH", "Switzerland", "瑞士"),
    ("CL", "Chile", "智利"),
    ("CN", "China", "中国"),
    ("CZ", "Czechia", "捷克"),
    ("DE", "Germany", "德国"),
    ("DK", "Denmark", "丹麦"),
    ("EG", "Egypt", "埃及"),
    ("ES", "Spain", "西班牙"),
    ("FI", "Finland", "芬兰"),
    ("FR", "France", "法国"),
    ("GB", "United Kingdom", "英国"),
    ("GR", "Greece", "希腊"),
    ("HU", "Hungary", "匈牙利"),
    ("ID", "Indonesia", "印度尼西亚"),
    ("IE", "Ireland", "爱尔兰"),
    ("IL", "Israel", "以色列"),
    ("IN", "India", "印度"),
    ("IT", "Italy", "意大利"),
    ("JP", "Japan", "日本"),
    ("KE", "Kenya", "肯尼亚"),
    ("KR", "Republic of Korea", "韩国"),
    ("KZ", "Kazakhstan", "哈萨克斯坦"),
    ("MX", "Mexico", "墨西哥"),
    ("MY", "Malaysia", "马来西亚"),
    ("NL", "Netherlands", "荷兰"),
    ("NO", "Norway", "挪威"),
    ("NZ", "New Zealand", "新西兰"),
    ("PK", "Pakistan", "巴基斯坦"),
    ("PL", "Poland", "波兰"),
    ("PT", "Portugal", "葡萄牙"),
    ("RU", "Russia", "俄罗斯"),
    ("SE", "Sweden", "瑞典"),
    ("SG", "Singapore", "新加坡"),
    ("TH", "Thailand", "泰国"),
    ("TR", "Türkiye", "土耳其"),
    ("UA", "Ukraine", "乌克兰"),
    ("US", "United States", "美国"),
    ("UZ", "Uzbekistan", "乌兹别克斯坦"),
    ("VN", "Viet Nam", "越南"),
    ("ZA", "South Africa", "南非"),
];

/// The English name of a country code, or the code when unknown.
pub fn name_en(code: &str) -> &str {
    COUNTRIES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map_or(code, |(_, en, _)| en)
}

pub fn name_zh(code: &str) -> &str {
    COUNTRIES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map_or(code, |(_, _, zh)| zh)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_sorted_and_named_in_both_languages() {
        for pair in COUNTRIES.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} before {}", pair[0].0, pair[1].0);
        }
        assert_eq!(name_en("DE"), "Germany");
        assert_eq!(name_zh("DE"), "德国");
        assert_eq!(name_en("XX"), "XX");
    }
}
