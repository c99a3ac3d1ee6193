import Hummingbird
import NIOCore

/// The console's files, embedded in the binary at build time (no file is read at run time, nothing is fetched).
enum ConsoleFiles {
    enum File {
        case index, script, style, openAPI
    }

    static func response(_ file: File) -> Response {
        let (bytes, type): ([UInt8], String) = switch file {
        case .index: (PackageResources.index_html, "text/html; charset=utf-8")
        case .script: (PackageResources.console_js, "text/javascript; charset=utf-8")
        case .style: (PackageResources.console_css, "text/css; charset=utf-8")
        case .openAPI: (PackageResources.gate_openapi_yaml, "application/yaml")
        }
        var headers: HTTPFields = [.contentType: type, .cacheControl: "no-cache"]
        headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; connect-src 'self'"
        headers[.xContentTypeOptions] = "nosniff"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
