import Watchlist

/// libFuzzer entry point for the watchlist readers: every input must give records and problems by line, a
/// header error or an index error, never a crash, a sanitizer report, a leak or a hang. Each input goes
/// through all three list loaders and the index validator; an index that validates is queried, and whatever
/// the loaders accepted is compiled into an index that must validate and answer queries.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWatchlist(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = WatchlistSourceFormat.detect(bytes)
    let lineCount = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }

    var persons: [WatchlistPerson] = []
    var documents: [LostDocument] = []
    do {
        let loaded = try PersonListCSV.load(bytes)
        check(loaded.problems, lineCount: lineCount)
        persons += loaded.records
    } catch {
        _ = error.description
    }
    do {
        let loaded = try DocumentListCSV.load(bytes)
        check(loaded.problems, lineCount: lineCount)
        documents += loaded.records
    } catch {
        _ = error.description
    }
    let followTheMoney = FollowTheMoneyJSON.load(bytes)
    check(followTheMoney.result.problems, lineCount: lineCount)
    persons += followTheMoney.result.records

    // The input itself as a compiled index (the validator must refuse anything a query could trip over).
    if let index = try? WatchlistIndex(bytes: bytes) {
        query(index, persons: persons, documents: documents)
    }

    // What loaded, compiled: the builder's output must always validate.
    if !persons.isEmpty || !documents.isEmpty {
        var builder = WatchlistIndexBuilder()
        builder.add(persons: persons)
        builder.add(documents: documents)
        let index: WatchlistIndex
        do {
            index = try WatchlistIndex(bytes: builder.build())
        } catch {
            preconditionFailure("the builder's index does not validate: \(error)")
        }
        precondition(index.personCount == persons.count && index.documentCount == documents.count, "index counts differ from the lists")
        query(index, persons: persons, documents: documents)
    }
    return 0
}

/// Every problem is a bad row on a line of the input, in file order.
func check(_ problems: [WatchlistLoadError], lineCount: Int) {
    var previous = 0
    for problem in problems {
        guard case .badRow(let line, let rowProblem) = problem else { preconditionFailure("not a row problem: \(problem)") }
        precondition(line >= previous && line >= 1 && line <= lineCount, "problem line \(line) of \(lineCount), after \(previous)")
        previous = line
        _ = rowProblem.description
    }
}

/// A few queries built from the loaded records (or fixed ones), through every query path of the index.
func query(_ index: WatchlistIndex, persons: [WatchlistPerson], documents: [LostDocument]) {
    var people = [PersonQuery(surname: "ERIKSSON", givenNames: "ANNA MARIA", birthDate: PartialDate(text: "1974-08-12"), nationality: "UTO", sex: .female)]
    for person in persons.prefix(2) {
        for name in person.names.prefix(2) {
            people.append(PersonQuery(surname: name.surname, givenNames: name.givenNames, birthDate: person.birthDate,
                                      nationality: person.nationalities.first, sex: person.sex))
            people.append(PersonQuery(surname: name.givenNames, givenNames: name.surname))
        }
    }
    for person in people {
        let fast = index.screen(person: person, limit: 5)
        let exhaustive = index.screenExhaustively(person: person, limit: 5)
        precondition(fast.count <= 5 && exhaustive.count <= 5, "more matches than the limit")
        _ = index.candidateStatistics(person: person)
    }
    var lost = [DocumentQuery(issuingState: "UTO", documentNumber: "L898902C3")]
    for document in documents.prefix(3) {
        lost.append(DocumentQuery(issuingState: document.issuingState, documentNumber: document.documentNumber))
    }
    for document in lost {
        precondition(index.screen(document: document, limit: 5).count <= 5, "more matches than the limit")
    }
}
