/// Issuing states the generator draws from, with the name their pages print in the header.
enum IssuingStates {
    /// The header line of a state's documents (English, and the national language where the page is bilingual).
    static func title(of code: String) -> String {
        names[code] ?? "REPUBLIC OF \(code)"
    }

    private static let names: [String: String] = [
        "VNM": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / SOCIALIST REPUBLIC OF VIET NAM",
        "GBR": "UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND",
        "USA": "UNITED STATES OF AMERICA", "CAN": "CANADA", "AUS": "AUSTRALIA", "IRL": "ÉIRE / IRELAND",
        "NZL": "NEW ZEALAND", "D": "BUNDESREPUBLIK DEUTSCHLAND / FEDERAL REPUBLIC OF GERMANY",
        "AUT": "REPUBLIK ÖSTERREICH / REPUBLIC OF AUSTRIA", "CHE": "SCHWEIZERISCHE EIDGENOSSENSCHAFT / SWITZERLAND",
        "FRA": "RÉPUBLIQUE FRANÇAISE", "BEL": "ROYAUME DE BELGIQUE / KINGDOM OF BELGIUM",
        "LUX": "GRAND-DUCHÉ DE LUXEMBOURG", "ESP": "REINO DE ESPAÑA", "MEX": "ESTADOS UNIDOS MEXICANOS",
        "ARG": "REPÚBLICA ARGENTINA", "COL": "REPÚBLICA DE COLOMBIA", "CHL": "REPÚBLICA DE CHILE",
        "BRA": "REPÚBLICA FEDERATIVA DO BRASIL", "PRT": "REPÚBLICA PORTUGUESA", "SWE": "KONUNGARIKET SVERIGE",
        "NOR": "KONGERIKET NORGE", "DNK": "KONGERIGET DANMARK", "FIN": "SUOMI / FINLAND", "ISL": "ÍSLAND / ICELAND",
        "POL": "RZECZPOSPOLITA POLSKA", "CZE": "ČESKÁ REPUBLIKA", "HRV": "REPUBLIKA HRVATSKA",
        "TUR": "TÜRKİYE CUMHURİYETİ / REPUBLIC OF TÜRKİYE", "CHN": "PEOPLE'S REPUBLIC OF CHINA",
        "SGP": "REPUBLIC OF SINGAPORE", "MYS": "MALAYSIA", "JPN": "JAPAN", "KOR": "REPUBLIC OF KOREA",
        "EGY": "ARAB REPUBLIC OF EGYPT", "JOR": "HASHEMITE KINGDOM OF JORDAN", "ARE": "UNITED ARAB EMIRATES",
        "MAR": "KINGDOM OF MOROCCO", "SAU": "KINGDOM OF SAUDI ARABIA", "IND": "REPUBLIC OF INDIA",
        "NPL": "NEPAL", "RUS": "RUSSIAN FEDERATION", "UKR": "UKRAINE", "KAZ": "REPUBLIC OF KAZAKHSTAN",
        "NGA": "FEDERAL REPUBLIC OF NIGERIA", "KEN": "REPUBLIC OF KENYA", "GHA": "REPUBLIC OF GHANA",
        "ZAF": "REPUBLIC OF SOUTH AFRICA",
    ]

    /// States that issue visas to foreigners (MRV-A issuers).
    static let visaIssuers = ["USA", "GBR", "JPN", "D", "FRA", "AUS", "CAN", "VNM", "CHN", "KOR", "IND", "ESP"]

    /// States whose documents may carry sex `X`.
    static let allowX: Set<String> = ["AUS", "CAN", "NZL", "D", "USA", "ISL", "DNK", "NPL", "ARG"]
}
