package io.baas.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A load generator's HTTP/1.1 client: one kept-alive connection per client thread, a request
 * written in one piece, the answer read by its Content-Length or chunks. The JDK's HttpClient spent
 * about 1.6 ms of CPU per request here (its selector thread and futures), more than the service's
 * own HTTP handling, and the benchmarks count the load generator's CPU on every path, so that
 * client made the REST path look dearer than it is. Plain HTTP only; not for the product.
 */
final class KeepAliveHttp {

    /** An answer: its status and body. */
    record Answer(int status, String body) {
    }

    private final String host;
    private final int port;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();

    KeepAliveHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    Answer send(String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        Connection connection = connections.get();
        if (connection == null || connection.socket.isClosed()) {
            connection = new Connection(new Socket());
            connection.socket.setTcpNoDelay(true);
            connection.socket.connect(new InetSocketAddress(host, port));
            connections.set(connection);
        }
        try {
            return connection.exchange(method, path, host + ":" + port, headers, body);
        } catch (IOException e) {
            connection.socket.close();
            throw e;
        }
    }

    private static final class Connection {
        final Socket socket;
        private InputStream input;
        private OutputStream output;

        Connection(Socket socket) {
            this.socket = socket;
        }

        Answer exchange(String method, String path, String authority, Map<String, String> headers, byte[] body) throws IOException {
            if (input == null) {
                input = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                output = socket.getOutputStream();
            }
            StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                    .append(authority).append("\r\nContent-Length: ").append(body.length).append("\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("\r\n");
            byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] request = new byte[start.length + body.length];
            System.arraycopy(start, 0, request, 0, start.length);
            System.arraycopy(body, 0, request, start.length, body.length);
            output.write(request);

            String statusLine = line();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(header.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                     size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    answer.write(input.readNBytes(size));
                    line();
                }
                line();
            } else if (length >= 0) {
                answer.write(input.readNBytes((int) length));
            }
            if (close) {
                socket.close();
            }
            return new Answer(status, answer.toString(StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = input.read(); c != '\n'; c = input.read()) {
                if (c < 0) {
                    throw new IOException("The connection closed mid-answer.");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }
}
