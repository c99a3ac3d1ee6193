@testable import Watchlist

/// Small synthetic lists for the tests (invented names, no real persons).
enum TestLists {
    static func person(_ id: String, _ surname: String, _ given: String, born: String? = nil, nationality: String? = nil,
                       sex: Sex? = nil, list: String = "wanted", aliases: [PersonName] = []) -> WatchlistPerson {
        WatchlistPerson(id: id, names: [PersonName(surname: surname, givenNames: given)] + aliases,
                        birthDate: born.flatMap { PartialDate(text: $0) }, nationalities: nationality.map { [$0] } ?? [],
                        sex: sex, list: list)
    }

    /// A list mixing origins and the cases the tests probe, padded with generated persons so that candidate
    /// generation has neighbours to tell apart.
    static let persons: [WatchlistPerson] = [
        person("T1", "Nguyễn", "Văn Đức", born: "1980-04-07", nationality: "VNM", sex: .male),
        person("T2", "Müller", "Jörg Heinrich", born: "1975-11-30", nationality: "D", sex: .male),
        person("T3", "Иванов", "Сергей", born: "1969-02-14", nationality: "RUS", sex: .male,
               aliases: [PersonName(surname: "Ivanov", givenNames: "Sergey")]),
        person("T4", "van den Berg", "Johanna Maria", born: "1990", nationality: "NLD", sex: .female),
        person("T5", "Kowalczyk", "Małgorzata", born: "1985-06-21", nationality: "POL", sex: .female, list: "sanctions"),
        person("T6", "Rodríguez Sánchez", "María José", born: "1972-09-03", nationality: "ESP", sex: .female),
        person("T7", "Phạm", "Thị Hương", born: "1991-12-01", nationality: "VNM", sex: .female),
        person("T8", "Søndergaard", "Bjørn", nationality: "DNK", sex: .male),
        person("T9", "Nguyễn", "Văn Đạt", born: "1980-04-07", nationality: "VNM", sex: .male),
        person("T10", "Sukarnoputra", "", born: "1958-01-01", nationality: "IDN", sex: .male),
    ] + SyntheticWatchlist.persons(count: 3_000, seed: 42)

    /// The index of ``persons`` plus a few lost documents, built in memory.
    static let index: WatchlistIndex = {
        var builder = WatchlistIndexBuilder()
        builder.add(persons: persons)
        builder.add(documents: documents)
        do {
            return try WatchlistIndex(bytes: builder.build())
        } catch {
            preconditionFailure("test index does not validate: \(error)")
        }
    }()

    static let documents: [LostDocument] = [
        LostDocument(issuingState: "NLD", documentNumber: "SPECI2014", documentType: "P", reported: PartialDate(text: "2024-03-01")),
        LostDocument(issuingState: "D", documentNumber: "C01X00T47", documentType: "P", reported: nil),
        LostDocument(issuingState: "UTO", documentNumber: "L898902C3", documentType: "P", reported: PartialDate(text: "2025")),
        LostDocument(issuingState: "UTO", documentNumber: "D23145890", documentType: "I", reported: nil),
    ]
}
