/// Synthetic holder names of many origins, written as the printed page shows them (with diacritics).
///
/// Every name here is a common name or surname of its language; the combinations are random and
/// belong to nobody. The Vietnamese set uses every tone mark (à á ả ã ạ) and the letters
/// ă â đ ê ô ơ ư, in both surnames and given names.
struct NameOrigin: Sendable {
    /// States whose documents carry names of this origin (MRZ codes).
    var states: [String]
    var surnames: [String]
    var male: [String]
    var female: [String]
    /// Most given names a holder gets.
    var maxGiven: Int
    /// Vietnamese order: a middle name (`Văn`, `Thị` …) before the given name.
    var vietnameseMiddle: Bool = false
}

enum NameCatalogue {
    static let vietnamese = NameOrigin(
        states: ["VNM"],
        surnames: ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
                   "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Đoàn", "Lương", "Trịnh", "Mai", "Tạ", "Quách",
                   "Hà", "Lã", "Khổng", "Triệu", "Ưng"],
        male: ["Đức", "Hùng", "Dũng", "Tuấn", "Khải", "Quang", "Phúc", "Thắng", "Hiếu", "Lộc", "Nghĩa", "Trọng",
               "Việt", "Cường", "Tiến", "Kiên", "Đạt", "Huy", "Sơn", "Bảo", "Khoa", "Lực", "Tường", "Hải", "Vĩnh"],
        female: ["Hằng", "Lan", "Hương", "Thảo", "Trang", "Ngọc", "Hạnh", "Yến", "Nhung", "Diệp", "Phượng",
                 "Tuyết", "Ánh", "Oanh", "Mỹ", "Thư", "Khuê", "Quỳnh", "Dung", "Ngân", "Trâm", "Uyên", "Vỹ", "Mẫn",
                 "Thuỷ", "Thủy"],
        maxGiven: 2, vietnameseMiddle: true)

    /// Vietnamese middle names: male, female and either.
    static let vietnameseMiddleMale = ["Văn", "Hữu", "Đức", "Quốc", "Minh", "Xuân", "Công", "Thế"]
    static let vietnameseMiddleFemale = ["Thị", "Ngọc", "Thanh", "Kim", "Bích", "Mỹ", "Diễm", "Hoài"]

    static let origins: [NameOrigin] = [
        vietnamese,
        NameOrigin(states: ["GBR", "USA", "CAN", "AUS", "IRL", "NZL"],
                   surnames: ["Smith", "O'Brien", "Johnson", "Taylor", "Brown", "Williams", "Walker-Reed", "McAllister",
                              "Thompson", "Fitzgerald", "Clarke", "Davies"],
                   male: ["James", "Thomas", "Oliver", "William", "Henry", "Jack", "Samuel", "Christopher"],
                   female: ["Olivia", "Emily", "Mary", "Charlotte", "Grace", "Elizabeth", "Sophie", "Amelia"], maxGiven: 3),
        NameOrigin(states: ["D", "AUT", "CHE"],
                   surnames: ["Müller", "Schröder", "Groß", "Weiß", "Köhler", "Bäcker", "Schäfer", "Hoffmann", "Krüger",
                              "Meyer-Lüdenscheidt"],
                   male: ["Jürgen", "Lukas", "Günter", "Matthias", "Jörg", "Maximilian"],
                   female: ["Anna-Lena", "Käthe", "Jana", "Lena", "Ursula", "Brigitte"], maxGiven: 2),
        NameOrigin(states: ["FRA", "BEL", "CAN", "LUX"],
                   surnames: ["Lefèvre", "Dubois", "Bénard", "François", "Garçon", "Lemaître", "Girard", "Leclerc",
                              "Delacroix", "Rousseau"],
                   male: ["Jean-Luc", "Joël", "François", "Théo", "Mathéo", "Rémi"],
                   female: ["Hélène", "Zoë", "Éloïse", "Céline", "Anaïs", "Mélanie"], maxGiven: 3),
        NameOrigin(states: ["ESP", "MEX", "ARG", "COL", "CHL"],
                   surnames: ["García López", "Muñoz", "Peña", "Fernández", "Ibáñez", "de la Cruz", "Núñez Ortega",
                              "Rodríguez", "Martínez Sánchez", "Gómez"],
                   male: ["José", "Iñigo", "Ángel", "Andrés", "Sebastián", "Raúl"],
                   female: ["María", "Sofía", "Lucía", "Inés", "Begoña", "Ximena"], maxGiven: 2),
        NameOrigin(states: ["BRA", "PRT"],
                   surnames: ["Gonçalves", "Conceição", "Simões", "Magalhães", "Araújo", "Brandão"],
                   male: ["João", "Sebastião", "Gonçalo", "Antônio"],
                   female: ["Conceição", "Inês", "Luíza", "Fátima"], maxGiven: 3),
        NameOrigin(states: ["SWE", "NOR", "DNK", "FIN", "ISL"],
                   surnames: ["Åberg", "Sørensen", "Bjørnstad", "Jönsson", "Lindqvist", "Þórsdóttir", "Ærø", "Mäkinen"],
                   male: ["Søren", "Björn", "Åke", "Jørgen", "Lasse"],
                   female: ["Åsa", "Märta", "Sigrún", "Astrid", "Maija"], maxGiven: 2),
        NameOrigin(states: ["POL", "CZE", "HRV"],
                   surnames: ["Wałęsa", "Łukasiewicz", "Kowalski", "Wiśniewska", "Dvořák", "Horvat", "Zieliński"],
                   male: ["Łukasz", "Paweł", "Jiří", "Tomáš", "Krzysztof"],
                   female: ["Małgorzata", "Zofia", "Božena", "Agnieszka", "Ivana"], maxGiven: 2),
        NameOrigin(states: ["TUR"],
                   surnames: ["Yılmaz", "Öztürk", "Çelik", "Şahin", "Doğan", "Kılıç", "Aydın"],
                   male: ["İsmail", "Çağrı", "Emre", "Oğuz", "Mustafa"],
                   female: ["Gülşen", "Ayşe", "Şule", "Elif", "Özge"], maxGiven: 2),
        NameOrigin(states: ["CHN", "SGP", "MYS"],
                   surnames: ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Ouyang"],
                   male: ["Wei", "Xiaoming", "Haoran", "Yuxuan", "Jun"],
                   female: ["Jing", "Zihan", "Xinyi", "Mei", "Yutong"], maxGiven: 1),
        NameOrigin(states: ["JPN"],
                   surnames: ["Tanaka", "Suzuki", "Sato", "Takahashi", "Watanabe", "Yamamoto"],
                   male: ["Haruto", "Ren", "Sota", "Daiki"],
                   female: ["Yui", "Sakura", "Hina", "Aoi"], maxGiven: 1),
        NameOrigin(states: ["KOR"],
                   surnames: ["Kim", "Lee", "Park", "Choi", "Jung", "Kang"],
                   male: ["Min-jun", "Do-yun", "Ji-ho", "Seo-jun"],
                   female: ["Seo-yeon", "Ji-woo", "Ha-eun", "Su-ah"], maxGiven: 1),
        NameOrigin(states: ["EGY", "JOR", "ARE", "MAR", "SAU"],
                   surnames: ["Al-Sayed", "Haddad", "El Amrani", "Abdullah", "Al-Farsi", "Bennani"],
                   male: ["Mohammed", "Omar", "Youssef", "Khalid", "Ahmed"],
                   female: ["Fatima", "Layla", "Nour", "Amina", "Salma"], maxGiven: 3),
        NameOrigin(states: ["IND", "NPL"],
                   surnames: ["Sharma", "Patel", "Reddy", "Iyer", "Venkataraghavan", "Chatterjee"],
                   male: ["Aarav", "Rohan", "Vikram", "Arjun"],
                   female: ["Priya", "Ananya", "Lakshmi", "Kavya"], maxGiven: 2),
        NameOrigin(states: ["RUS", "UKR", "KAZ"],
                   surnames: ["Ivanova", "Smirnov", "Kuznetsova", "Volkov", "Shevchenko", "Khrushcheva"],
                   male: ["Dmitry", "Sergey", "Oleksandr", "Yevgeny"],
                   female: ["Anastasia", "Yulia", "Oksana", "Yekaterina"], maxGiven: 2),
        NameOrigin(states: ["NGA", "KEN", "GHA", "ZAF"],
                   surnames: ["Okafor", "Adeyemi", "Mensah", "Otieno", "Nwosu", "Oluwaseun-Bankole"],
                   male: ["Chinedu", "Kwame", "Tunde", "Baraka"],
                   female: ["Amara", "Wanjiru", "Ngozi", "Abena"], maxGiven: 3),
    ]

    /// A holder name of a random origin: (surname, given names), as printed.
    static func name(sex: String, origin: NameOrigin, random: inout SplitMix64) -> (surname: String, given: String) {
        let female = sex == "F" || (sex != "M" && random.chance(0.5))
        let pool = female ? origin.female : origin.male
        let surname = random.pick(origin.surnames)
        var given: [String] = []
        if origin.vietnameseMiddle {
            given.append(random.pick(female ? vietnameseMiddleFemale : vietnameseMiddleMale))
            if random.chance(0.25) { given.append(random.pick(pool)) }
            given.append(random.pick(pool))
        } else {
            let count = random.int(1...origin.maxGiven)
            while given.count < count {
                let g = random.pick(pool)
                if !given.contains(g) { given.append(g) }
                if given.count >= pool.count { break }
            }
        }
        return (surname, given.joined(separator: " "))
    }
}
