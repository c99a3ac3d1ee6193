/// Name material for ``SyntheticWatchlist``: invented combinations of common name parts of many origins, written
/// as lists write them (diacritics, Cyrillic, particles, hyphens, apostrophes). No real person is described:
/// names, dates and nationalities are drawn independently.
enum SyntheticNamePools {
    /// How one origin's names are made.
    struct Origin: Sendable {
        /// Weight in the mix (relative).
        var weight: Int
        /// Nationalities drawn for it (MRZ codes).
        var nationalities: [String]
        /// Surnames as written; a surname with `|` has a female form after the bar (`Novák|Nováková`).
        var surnames: [String]
        /// Extra surnames made from a stem and an ending (`Kowal` + `czyk`); endings with `|` have a female form.
        var surnameStems: [String] = []
        var surnameEndings: [String] = []
        /// Given names: male, female.
        var male: [String]
        var female: [String]
        /// Vietnamese-style middle names (`Văn` for men, `Thị` for women, or neutral ones).
        var maleMiddle: [String] = []
        var femaleMiddle: [String] = []
        /// Chance (percent) of a second given name, of a second surname (Spanish style), of a one-word name.
        var secondGiven = 30
        var secondSurname = 0
        var mononym = 0
        /// The name as Latin-alphabet lists spell it (BGN/PCGN-like), for aliases of names in another script.
        var latinAlias: Bool = false
    }

    static let vietnamese = Origin(
        weight: 15, nationalities: ["VNM"],
        surnames: ["Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Phạm", "Hoàng", "Huỳnh", "Phan",
                   "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đoàn", "Lâm", "Trịnh", "Mai",
                   "Trương", "Cao", "Lưu", "Tạ", "Hà", "Quách", "Thái", "Kiều", "Tôn", "Mạc", "Châu", "Từ", "Ứng", "Ông"],
        male: ["Anh", "Bảo", "Bình", "Cường", "Dũng", "Đạt", "Đông", "Đức", "Giang", "Hải", "Hiếu", "Hòa", "Hùng", "Hưng",
               "Huy", "Khải", "Khánh", "Khoa", "Kiên", "Lâm", "Long", "Luân", "Mạnh", "Minh", "Nam", "Nghĩa", "Nhân", "Phong",
               "Phúc", "Phước", "Quân", "Quang", "Quý", "Sơn", "Tài", "Tâm", "Tân", "Thắng", "Thành", "Thiện", "Thịnh",
               "Tiến", "Toàn", "Trí", "Trọng", "Trung", "Tú", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ", "Ẩn", "Ý"],
        female: ["Anh", "Ánh", "Bích", "Châu", "Chi", "Diễm", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng",
                 "Hương", "Huyền", "Lan", "Liên", "Linh", "Loan", "Ly", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh",
                 "Phương", "Quyên", "Quỳnh", "Thảo", "Thơ", "Thủy", "Thư", "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Vy",
                 "Xuân", "Yến", "Ỷ Lan", "Ngữ"],
        maleMiddle: ["Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Xuân", "Thanh", "Bảo", "Gia", "Mạnh", "Công", "Đình", "Quốc", "Thế", "Tấn", "Trọng"],
        femaleMiddle: ["Thị", "Thị", "Thị", "Ngọc", "Thanh", "Thu", "Kim", "Bảo", "Hoài", "Mỹ", "Diệu", "Phương", "Khánh", "Tuyết"],
        secondGiven: 0)

    static let german = Origin(
        weight: 7, nationalities: ["D", "D", "D", "AUT", "CHE"],
        surnames: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
                   "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
                   "Braun", "Krüger", "Hartmann", "Lange", "Werner", "Krause", "Köhler", "Weiß", "Jäger", "Groß", "Böhm",
                   "Günther", "Möller", "Bäcker", "Förster", "Läufer", "Brückner", "Straße", "Öztürk", "von der Heide", "Vogt"],
        surnameStems: ["Stein", "Berg", "Hof", "Brand", "Rosen", "Eichen", "Schön", "Grün", "Kirch", "Wald", "Feld", "Bach",
                       "Sommer", "Winter", "Kühn", "Ober", "Neu", "Alt", "Mühl", "Lind", "Hollen", "Gräf", "Löw", "Fröh", "Büch"],
        surnameEndings: ["mann", "er", "berger", "feld", "hauser", "meier", "bach", "dorf", "hofer", "huber", "reiter",
                         "städter", "wald", "ing", "ler", "ner", "bauer", "müller"],
        male: ["Jürgen", "Jörg", "Günter", "Uwe", "Klaus", "Dieter", "Hans", "Peter", "Wolfgang", "Michael", "Thomas",
               "Andreas", "Stefan", "Heinz", "Horst", "Karl-Heinz", "Hans-Jürgen", "Maximilian", "Lukas", "Jonas", "Sören",
               "Björn", "Lüder", "Matthäus", "Friedrich", "Ludwig"],
        female: ["Käthe", "Sabine", "Ursula", "Monika", "Petra", "Renate", "Jördis", "Irmtraud", "Gisela", "Brigitte",
                 "Anne-Kathrin", "Lea", "Lena", "Gerlinde", "Hannelore", "Bärbel", "Jutta", "Anneliese", "Hedwig"])

    static let nordic = Origin(
        weight: 5, nationalities: ["SWE", "NOR", "DNK", "FIN", "ISL"],
        surnames: ["Åberg", "Ångström", "Söderberg", "Öberg", "Sørensen", "Ødegaard", "Jørgensen", "Møller", "Kjærgaard",
                   "Østergaard", "Hæstad", "Lindqvist", "Sjöström", "Bergström", "Nyström", "Holmén", "Rasmussen", "Kristiansen",
                   "Virtanen", "Mäkinen", "Hämäläinen", "Guðmundsdóttir", "Þórsson"],
        surnameStems: ["Anders", "Johan", "Karl", "Nil", "Erik", "Lar", "Ol", "Per", "Sven", "Gustaf", "Jön", "Hans", "Pet", "Jen",
                       "Rasmus", "Niel", "Mad", "Frede", "Søren", "Bjørn", "Håkon", "Magnus"],
        surnameEndings: ["sson", "sen", "son", "ssen"],
        male: ["Björn", "Göran", "Håkan", "Åke", "Sören", "Bjørn", "Jørgen", "Ørjan", "Torbjörn", "Stig", "Lars", "Erik",
               "Magnus", "Anders", "Mikael", "Niklas", "Jesper", "Mads", "Kåre", "Øystein"],
        female: ["Åsa", "Märta", "Karin", "Ingrid", "Linnéa", "Sigrid", "Søs", "Birgitte", "Lærke", "Kirsten", "Maja", "Elin",
                 "Frida", "Astrid", "Gunnhild", "Signe", "Ragnhild"])

    static let polish = Origin(
        weight: 6, nationalities: ["POL"],
        surnames: ["Nowak", "Wójcik", "Woźniak", "Mazur", "Krawczyk", "Król", "Wróbel", "Stępień", "Dudek", "Pawlak", "Sikora",
                   "Baran", "Duda", "Wilk", "Lis", "Mazurek", "Kubiak", "Kołodziej", "Kaźmierczak", "Łukasik", "Bąk", "Gołąb",
                   "Żak", "Cieślak", "Śliwa"],
        surnameStems: ["Kowal", "Wiśniew", "Kamiń", "Lewandow", "Zieliń", "Szymań", "Dąbrow", "Kozłow", "Jankow", "Kwiatkow",
                       "Piotrow", "Grabow", "Pawłow", "Michal", "Jabłoń", "Majew", "Olszew", "Malinow", "Jawor", "Górs",
                       "Witkow", "Rutkow", "Ostrow", "Tomaszew", "Zalew", "Wróblew", "Jasiń", "Zawadz", "Jakubow", "Sadow",
                       "Chmielew", "Borkow", "Sokołow", "Szczepań", "Kucharz", "Kalinow", "Wysoc", "Maciejew", "Czarnec"],
        surnameEndings: ["ski|ska", "ski|ska", "ki|ka", "czyk", "ak", "iak"],
        male: ["Łukasz", "Paweł", "Michał", "Krzysztof", "Tomasz", "Piotr", "Grzegorz", "Wojciech", "Stanisław", "Zbigniew",
               "Jarosław", "Mirosław", "Ryszard", "Zdzisław", "Kazimierz", "Bolesław", "Bartłomiej", "Jędrzej"],
        female: ["Małgorzata", "Agnieszka", "Katarzyna", "Magdalena", "Anna", "Zofia", "Żaneta", "Jolanta", "Bożena", "Monika",
                 "Grażyna", "Jadwiga", "Urszula", "Dorota", "Wiesława", "Elżbieta"])

    static let czech = Origin(
        weight: 5, nationalities: ["CZE", "SVK"],
        surnames: ["Novák|Nováková", "Svoboda|Svobodová", "Novotný|Novotná", "Dvořák|Dvořáková", "Černý|Černá",
                   "Procházka|Procházková", "Kučera|Kučerová", "Veselý|Veselá", "Horák|Horáková", "Němec|Němcová",
                   "Pokorný|Pokorná", "Pospíšil|Pospíšilová", "Hájek|Hájková", "Jelínek|Jelínková", "Král|Králová",
                   "Růžička|Růžičková", "Beneš|Benešová", "Fiala|Fialová", "Sedláček|Sedláčková", "Doležal|Doležalová",
                   "Zeman|Zemanová", "Kolář|Kolářová", "Navrátil|Navrátilová", "Čermák|Čermáková", "Vaněk|Vaňková",
                   "Blažek|Blažková", "Kříž|Křížová", "Kovář|Kovářová", "Šimek|Šimková", "Vlček|Vlčková",
                   "Holub|Holubová", "Štěpánek|Štěpánková", "Bartoš|Bartošová", "Ďurica|Ďuricová", "Šťastný|Šťastná"],
        male: ["Jiří", "Jan", "Petr", "Josef", "Pavel", "Jaroslav", "Martin", "Tomáš", "Miroslav", "František", "Zdeněk",
               "Václav", "Michal", "Bohuslav", "Ľubomír", "Vojtěch", "Radek", "Ondřej"],
        female: ["Jana", "Marie", "Eva", "Hana", "Anna", "Lenka", "Kateřina", "Věra", "Lucie", "Alena", "Petra", "Jitka",
                 "Zdeňka", "Růžena", "Božena", "Libuše", "Olga", "Dagmar", "Helena", "Ľudmila"])

    static let spanish = Origin(
        weight: 6, nationalities: ["ESP", "MEX", "COL", "ARG", "PER"],
        surnames: ["García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín",
                   "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Alonso", "Gutiérrez",
                   "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Ramírez", "Serrano", "Blanco", "Molina", "Morales",
                   "Suárez", "Ortega", "Delgado", "Castro", "Núñez", "Iglesias", "Garrido", "Cortés", "Peña", "Ibáñez",
                   "Calderón", "Villalobos", "Quintana", "de la Fuente", "del Río", "San Martín", "Valle-Inclán"],
        surnameStems: ["Benít", "Ordóñ", "Álvar", "Rodrígu", "Márqu", "Sánch", "Vel", "Enríqu", "Gonzál", "Fernánd", "Hernánd",
                       "Ibáñ", "Yáñ", "Báez", "Muñ", "Alarc", "Pel", "Dom", "Lóp", "Mart", "Suár", "Cháv", "Estév", "Tell"],
        surnameEndings: ["ez", "ez", "es", "ado", "ón", "era", "illo", "ero", "iel", "ena"],
        male: ["José", "Antonio", "Manuel", "Francisco", "Juan", "David", "José Luis", "Javier", "Jesús", "Ángel", "Íñigo",
               "Gonzalo", "Fermín", "Sebastián", "Andrés", "Joaquín", "Ramón", "Nicolás"],
        female: ["María", "Carmen", "Ana", "Isabel", "Pilar", "Dolores", "Lucía", "Josefa", "Rosario", "Begoña", "Nuria",
                 "Rocío", "María José", "Inés", "Mónica", "Remedios", "Aitana"],
        secondSurname: 70)

    static let portuguese = Origin(
        weight: 6, nationalities: ["BRA", "BRA", "PRT", "AGO"],
        surnames: ["Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes", "Costa",
                   "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Soares", "Fernandes", "Vieira", "Barbosa", "Rocha",
                   "Nascimento", "Andrade", "Moreira", "Nunes", "Marques", "Machado", "Mendes", "Freitas", "Cardoso",
                   "Gonçalves", "Teixeira", "Araújo", "Conceição", "da Silva", "dos Santos", "de Souza", "da Cunha",
                   "Figueiredo", "Magalhães", "Brandão", "Assunção"],
        male: ["João", "José", "Antônio", "Francisco", "Carlos", "Paulo", "Pedro", "Lucas", "Luiz", "Marcos", "Luís",
               "Gabriel", "Rafael", "Vinícius", "Raimundo", "Sebastião", "Conceição", "Estêvão"],
        female: ["Maria", "Ana", "Francisca", "Antônia", "Adriana", "Juliana", "Márcia", "Fernanda", "Patrícia", "Aline",
                 "Sônia", "Graça", "Letícia", "Thaís", "Beatriz", "Clara", "Ana Luísa", "Lúcia"],
        secondSurname: 40)

    static let italian = Origin(
        weight: 5, nationalities: ["ITA"],
        surnames: ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
                   "Gallo", "Conti", "De Luca", "Mancini", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana",
                   "Santoro", "Caruso", "Ferrara", "Leone", "Longo", "Gentile", "Martinelli", "Vitale", "Coppola",
                   "De Santis", "D'Angelo", "D'Amico", "Dell'Orto", "Sorrentino", "Pagano", "Cattaneo", "Pellegrino",
                   "Orlando", "Lo Presti", "Di Stefano", "Nicolò"],
        surnameStems: ["Bern", "Mart", "Marc", "Ross", "Bianc", "Ferr", "Gall", "Paol", "Ricc", "Tomas", "Giann", "Franc",
                       "Cappell", "Mor", "Ner", "Pellegr", "Sant", "Vitt", "Lorenz", "Barb", "Cast", "Benedett", "Zanett",
                       "Bortol", "Agostin", "Fabbr", "Cavall", "Mazz", "Pizz", "Colomb"],
        surnameEndings: ["ini", "etti", "elli", "one", "ucci", "ato", "otti", "azzi", "iero", "aldi", "ese", "ino"],
        male: ["Giuseppe", "Giovanni", "Antonio", "Mario", "Luigi", "Francesco", "Angelo", "Vincenzo", "Pietro", "Salvatore",
               "Niccolò", "Gianpaolo", "Pierluigi", "Ettore", "Gianmarco", "Raffaele"],
        female: ["Giuseppina", "Rosa", "Angela", "Giovanna", "Teresa", "Lucia", "Carmela", "Caterina", "Francesca",
                 "Ornella", "Maria Grazia", "Annunziata", "Donatella"])

    static let french = Origin(
        weight: 5, nationalities: ["FRA", "BEL", "CHE", "CAN"],
        surnames: ["Martin", "Bernard", "Dubois", "Durand", "Lefèvre", "Lefèbvre", "Moreau", "Girard", "Lavallière", "Guérin",
                   "François", "Mercier", "Faure", "Chevalier", "Lemaître", "Bénard", "Maréchal", "Barthélemy", "Prévost",
                   "Léger", "Lévêque", "Noël", "Benoît", "Ménard", "Hervé", "Étienne", "Le Gall", "Le Goff", "Delacroix",
                   "de Saint-Exupéry", "L'Hermite", "Aubé"],
        surnameStems: ["Beau", "Belle", "Bon", "Char", "Chau", "Cour", "Des", "Dur", "Fon", "Gail", "Gran", "Lac", "Mal",
                       "Mont", "Pé", "Roch", "Sau", "Val", "Ver", "Vil"],
        surnameEndings: ["champ", "fort", "lieu", "mont", "court", "val", "ville", "bois", "pré", "lard", "ier", "eau", "ière"],
        male: ["Jean", "Pierre", "Michel", "André", "Philippe", "René", "Louis", "Alain", "Jacques", "Jérôme", "Stéphane",
               "Frédéric", "Loïc", "Noël", "Jean-Pierre", "Gaël", "Benoît", "Hervé", "Joël"],
        female: ["Marie", "Jeanne", "Françoise", "Monique", "Catherine", "Hélène", "Solène", "Élodie", "Céline", "Gaëlle",
                 "Marie-Claire", "Anne-Sophie", "Chloé", "Maïté", "Zoé", "Anaïs", "Bérénice"])

    static let dutch = Origin(
        weight: 4, nationalities: ["NLD", "BEL"],
        surnames: ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit",
                   "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
                   "Brouwer", "de Wit", "Dijkstra", "Kuipers", "de Graaf", "van der Meer", "van der Linden", "Wouters",
                   "van den Brink", "van 't Hof", "IJzerman", "Verhoeven", "van de Ven"],
        surnameStems: ["Hoog", "Groen", "Zand", "Berg", "Molen", "Veen", "Dijk", "Brug", "Kerk", "Wester", "Ooster", "Noord",
                       "Zuider", "Kamp", "Hout", "Steen", "Bosch", "Lange", "Oude", "Nieuwen"],
        surnameEndings: ["huis", "veld", "kamp", "dijk", "stra", "ink", "man", "broek", "hof", "sma", "ga", "boer", "horst"],
        male: ["Jan", "Johannes", "Cornelis", "Hendrik", "Willem", "Pieter", "Gerrit", "Jacobus", "Thijs", "Sander",
               "Bram", "Daan", "Wouter", "IJsbrand", "Ruud", "Teun"],
        female: ["Maria", "Johanna", "Anna", "Cornelia", "Wilhelmina", "Geertruida", "Elisabeth", "Hendrika", "Sanne",
                 "Femke", "Anouk", "Marloes", "Eline"])

    static let turkish = Origin(
        weight: 5, nationalities: ["TUR"],
        surnames: ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın", "Özdemir",
                   "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özkan", "Şimşek", "Polat", "Özer",
                   "Erdoğan", "Güneş", "Aksoy", "Avcı", "Bulut", "Keskin", "Ünal", "Tekin", "Çakır", "Uçar", "Güler",
                   "Karakaş", "Işık", "Bozkurt", "Aktaş", "Ateş", "Kaplan", "Turan"],
        surnameStems: ["Öz", "Ak", "Kara", "Gül", "Er", "Yıl", "Çağ", "Ay", "Gök", "Tüm", "Koca", "Demir", "Taş", "Can", "Sarı",
                       "Bay", "Ün", "Kır", "Şen", "Tek", "Uz", "Boz", "Doğ", "Kök"],
        surnameEndings: ["kan", "türk", "demir", "can", "er", "men", "han", "soy", "kaya", "taş", "oğlu", "başı", "gün", "ay", "dağ"],
        male: ["Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "İbrahim", "İsmail", "Osman", "Yusuf", "Murat",
               "Ömer", "Ramazan", "Halil", "Süleyman", "Cengiz", "Tuğrul", "Oğuzhan", "Kâmil", "Şükrü"],
        female: ["Fatma", "Ayşe", "Emine", "Hatice", "Zeynep", "Elif", "Meryem", "Şerife", "Zehra", "Sultan", "Hanife",
                 "Merve", "Özlem", "Gülsüm", "Büşra", "Çiğdem", "Gülşen"])

    static let romanian = Origin(
        weight: 4, nationalities: ["ROU", "MDA"],
        surnames: ["Popa", "Popescu", "Radu", "Dumitru", "Stan", "Stoica", "Gheorghe", "Matei", "Ciobanu", "Ionescu", "Rusu",
                   "Mihai", "Constantin", "Munteanu", "Ștefan", "Lungu", "Ene", "Florea", "Dinu", "Tudor", "Barbu", "Sârbu",
                   "Nistor", "Cristea", "Moldovan", "Vișan", "Țăranu", "Bălan", "Căpraru", "Brânzei", "Pârvu"],
        surnameStems: ["Pop", "Ion", "Radul", "Stănc", "Mărg", "Dobr", "Vlăd", "Andr", "Petr", "Nicul", "Costach", "Grigor",
                       "Dumitr", "Iord", "Manol", "Tănas", "Bălc", "Neag", "Stoic", "Ursul"],
        surnameEndings: ["escu", "eanu", "ache", "oiu", "ică", "ilă", "ariu"],
        male: ["Ion", "Gheorghe", "Vasile", "Constantin", "Ioan", "Nicolae", "Mihai", "Andrei", "Alexandru", "Ștefan", "Sorin",
               "Ionuț", "Răzvan", "Bogdan", "Cătălin", "Dănuț"],
        female: ["Maria", "Elena", "Ioana", "Ana", "Mihaela", "Andreea", "Cristina", "Florentina", "Rodica", "Viorica",
                 "Luminița", "Ștefania", "Oana", "Lăcrămioara"])

    static let russian = Origin(
        weight: 6, nationalities: ["RUS", "RUS", "UKR", "BLR", "KAZ"],
        surnames: ["Иванов|Иванова", "Смирнов|Смирнова", "Кузнецов|Кузнецова", "Попов|Попова", "Васильев|Васильева",
                   "Петров|Петрова", "Соколов|Соколова", "Михайлов|Михайлова", "Новиков|Новикова", "Фёдоров|Фёдорова",
                   "Морозов|Морозова", "Волков|Волкова", "Лебедев|Лебедева", "Семёнов|Семёнова", "Егоров|Егорова",
                   "Козлов|Козлова", "Орлов|Орлова", "Захаров|Захарова", "Зайцев|Зайцева", "Соловьёв|Соловьёва",
                   "Воробьёв|Воробьёва", "Щербаков|Щербакова", "Журавлёв|Журавлёва", "Чернышёв|Чернышёва",
                   "Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Кравченко", "Олійник", "Шевчук", "Поліщук",
                   "Мельник", "Бойко", "Коваль", "Лисенко", "Гаврилюк", "Хмельницкий|Хмельницкая", "Цой", "Юсупов|Юсупова"],
        surnameStems: ["Андре", "Бел", "Богдан", "Борис", "Вороб", "Гусь", "Дан", "Ерм", "Жук", "Зуб", "Кирилл", "Клим",
                       "Корол", "Крыл", "Кудрявц", "Лаз", "Мартын", "Медвед", "Миро", "Нест", "Овчинник", "Поляк",
                       "Родион", "Сав", "Сидор", "Тарас", "Тихон", "Устин", "Фил", "Хар", "Черн", "Шуб", "Щег", "Юд", "Яков"],
        surnameEndings: ["ов|ова", "ев|ева", "ин|ина", "енко", "ук", "ский|ская"],
        male: ["Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Максим", "Евгений", "Иван", "Михаил", "Артём",
               "Владимир", "Николай", "Юрий", "Олег", "Игорь", "Олександр", "Євген", "Ґеорґій", "Ярослав", "Вячеслав"],
        female: ["Анна", "Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Екатерина", "Светлана", "Юлия",
                 "Анастасия", "Людмила", "Ксения", "Дарья", "Олена", "Юлія", "Їлона", "Софія"],
        latinAlias: true)

    static let arabic = Origin(
        weight: 5, nationalities: ["EGY", "SYR", "IRQ", "JOR", "MAR", "SAU", "LBN", "DZA"],
        surnames: ["Al-Hassan", "Al-Rashid", "El-Sayed", "Abdel Rahman", "Haddad", "Khalil", "Mansour", "Nasser", "Saleh",
                   "Hamdan", "Al-Khatib", "Darwish", "Youssef", "Ibrahim", "Mahmoud", "Abu Bakr", "Ben Ali", "El Amrani",
                   "Bouzid", "Al-Masri", "Qureshi", "Farouk", "Aziz", "Suleiman", "Al-Tamimi", "Zaidan"],
        male: ["Mohammed", "Muhammad", "Mohamed", "Ahmad", "Ahmed", "Ali", "Omar", "Khaled", "Youssef", "Hassan", "Hussein",
               "Ibrahim", "Mahmoud", "Mustafa", "Tariq", "Karim", "Samir", "Walid", "Abdullah", "Bilal"],
        female: ["Fatima", "Aisha", "Mariam", "Noor", "Layla", "Zainab", "Huda", "Salma", "Rania", "Yasmin", "Amira",
                 "Leila", "Samira", "Hanan", "Khadija"])

    static let chinese = Origin(
        weight: 5, nationalities: ["CHN", "CHN", "TWN", "SGP", "HKG"],
        surnames: ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu",
                   "Hu", "Guo", "He", "Gao", "Lin", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han", "Feng", "Deng",
                   "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong", "Pan", "Yuan", "Cai", "Jiang", "Yu", "Du", "Ye", "Lü",
                   "Ouyang", "Sima"],
        surnameStems: [], surnameEndings: [],
        male: ["Wei", "Qiang", "Lei", "Jun", "Yong", "Jie", "Tao", "Ming", "Chao", "Gang", "Ping", "Hui", "Jian", "Bo",
               "Hao", "Yu", "Xin", "Peng", "Long", "Feng"],
        female: ["Fang", "Min", "Jing", "Li", "Yan", "Juan", "Xia", "Ying", "Hong", "Lan", "Mei", "Na", "Ting", "Yun",
                 "Qian", "Xue", "Lin", "Hui", "Xiu", "Yue"],
        secondGiven: 45)

    static let indonesian = Origin(
        weight: 4, nationalities: ["IDN"],
        surnames: ["Susanto", "Hartono", "Wijaya", "Santoso", "Gunawan", "Setiawan", "Kusuma", "Halim", "Siregar",
                   "Nasution", "Simanjuntak", "Lubis", "Harahap", "Saputra", "Pratama", "Hidayat", "Nugroho", "Wibowo"],
        surnameStems: ["Su", "Sri", "Budi", "Agus", "Dwi", "Tri", "Eko", "Wahyu", "Rudi", "Hadi", "Yudi", "Joko", "Bambang",
                       "Slamet", "Nur", "Dewi", "Rina", "Kurnia", "Putri", "Ayu", "Kus", "Har", "Wid", "Sup", "Mul"],
        surnameEndings: ["yanto", "yono", "ono", "wati", "ningsih", "sari", "adi", "wan", "mono", "harto", "karno", "yati",
                         "anto", "arni", "iyah", "andari", "ardi"],
        male: ["Budi", "Agus", "Bambang", "Joko", "Eko", "Andi", "Rudi", "Hendra", "Dedi", "Ahmad", "Muhammad", "Rizky",
               "Fajar", "Dimas", "Yusuf"],
        female: ["Siti", "Sri", "Dewi", "Rina", "Ani", "Putri", "Ayu", "Nur", "Wulan", "Indah", "Fitri", "Ratna", "Kartini"],
        secondGiven: 40, mononym: 30)

    static let filipino = Origin(
        weight: 4, nationalities: ["PHL"],
        surnames: ["Dela Cruz", "Santos", "Reyes", "Garcia", "Mendoza", "Bautista", "Villanueva", "Ramos", "Aquino",
                   "Castillo", "Rivera", "Flores", "Torres", "Gonzales", "Manalo", "Macapagal", "Dimaculangan", "Panganiban",
                   "Magsaysay", "Delos Santos", "Tolentino", "Pangilinan", "Soriano"],
        male: ["Jose", "John Paul", "Mark", "Juan", "Ramon", "Ricardo", "Eduardo", "Rodrigo", "Jayson", "Jerome", "Christian",
               "Jun", "Bong", "Dante", "Rolando"],
        female: ["Mary Grace", "Maria Cristina", "Ma. Luisa", "Jocelyn", "Rowena", "Marites", "Maricel", "Rhodora", "Analyn",
                 "Divina", "Imelda", "Rosario", "Lorna", "Jennylyn", "Kristine"])

    static let english = Origin(
        weight: 6, nationalities: ["USA", "USA", "GBR", "CAN", "AUS", "IRL", "NZL"],
        surnames: ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
                   "Thomas", "Moore", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker",
                   "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams", "Baker", "Nelson", "Carter",
                   "Mitchell", "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans", "Edwards", "Collins",
                   "O'Brien", "O'Connor", "McDonald", "MacLeod", "Fitzgerald", "Hughes", "Bennett", "Foster", "Hayes"],
        surnameStems: ["Ash", "Black", "Brad", "Brook", "Carl", "Chad", "Dun", "Fair", "Hal", "Har", "Kings", "Lang", "Lind",
                       "Mid", "Mor", "New", "Old", "Red", "Ridge", "Shel", "Stan", "Stock", "Thorn", "Wes", "Whit", "Wins",
                       "Wood", "Crom", "Pem", "Rox", "Bur", "Cran", "Dal", "Ever", "Gold", "Hawk"],
        surnameEndings: ["ton", "ley", "ford", "wood", "well", "worth", "field", "by", "ham", "wick", "more", "den", "stone", "bury", "land"],
        male: ["James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Charles", "Christopher",
               "Daniel", "Matthew", "Gregory", "Douglas", "Peter", "Arthur"],
        female: ["Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen",
                 "Nancy", "Amanda", "Deborah", "Ashley", "Emily", "Dorothy"])

    /// Every origin with its weight.
    static let origins: [Origin] = [vietnamese, german, nordic, polish, czech, spanish, portuguese, italian, french, dutch,
                                    turkish, romanian, russian, arabic, chinese, indonesian, filipino, english]

    /// Latin spelling of Cyrillic as English-language lists write it (BGN/PCGN-like), unlike ICAO's: `Сергей` →
    /// `Sergey` (ICAO `SERGEI`), `Юлия` → `Yuliya` (ICAO `IULIIA`).
    static func latinSpelling(ofCyrillic text: String) -> String {
        var out = ""
        for character in text {
            let lower = character.lowercased()
            let upper = character.isUppercase
            let mapped: String = switch lower {
            case "а": "a"; case "б": "b"; case "в": "v"; case "г": "g"; case "ґ": "g"; case "д": "d"; case "е": "e"
            case "ё": "yo"; case "є": "ye"; case "ж": "zh"; case "з": "z"; case "и": "i"; case "і": "i"; case "ї": "yi"
            case "й": "y"; case "к": "k"; case "л": "l"; case "м": "m"; case "н": "n"; case "о": "o"; case "п": "p"
            case "р": "r"; case "с": "s"; case "т": "t"; case "у": "u"; case "ф": "f"; case "х": "kh"; case "ц": "ts"
            case "ч": "ch"; case "ш": "sh"; case "щ": "shch"; case "ъ": ""; case "ы": "y"; case "ь": ""; case "э": "e"
            case "ю": "yu"; case "я": "ya"
            default: lower
            }
            out += upper ? mapped.prefix(1).uppercased() + mapped.dropFirst() : mapped
        }
        return out
    }
}
