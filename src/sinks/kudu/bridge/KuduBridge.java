/*
 * The Kudu sink's bridge: Kudu has no HTTP write path and no Node client, so the worker writes through this small
 * process and the official Java client (org.apache.kudu:kudu-client). Started by src/sinks/kudu/bridge-host.ts,
 * one per worker process; it listens on the Unix socket named by its argument, prints "LISTENING" on stdout, and
 * exits when its stdin closes (the worker died or stopped).
 *
 * Each connection (one per activity thread) sends requests one at a time and waits for the answer: a frame is a
 * 4-byte big-endian length and a body (src/sinks/kudu/frames.ts writes them). Request bodies start with an
 * op byte: 1 prepare (create the table if missing, drop it first on DELETE_PREVIOUS), 2 upsert rows. An answer is
 * a status byte (0 ok, 1 error) then, for errors, the message; an ok upsert carries the rows applied.
 */
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kudu.ColumnSchema;
import org.apache.kudu.Schema;
import org.apache.kudu.Type;
import org.apache.kudu.client.CreateTableOptions;
import org.apache.kudu.client.KuduClient;
import org.apache.kudu.client.KuduSession;
import org.apache.kudu.client.KuduTable;
import org.apache.kudu.client.OperationResponse;
import org.apache.kudu.client.PartialRow;
import org.apache.kudu.client.RowError;
import org.apache.kudu.client.SessionConfiguration.FlushMode;
import org.apache.kudu.client.Upsert;

public final class KuduBridge {
  private static final byte OP_PREPARE = 1;
  private static final byte OP_UPSERT = 2;
  /** Cell types, as src/sinks/kudu/frames.ts numbers them. */
  private static final Type[] TYPES = {
    Type.STRING, Type.INT32, Type.INT64, Type.DOUBLE, Type.BOOL, Type.BINARY, Type.UNIXTIME_MICROS, Type.DATE,
  };
  private static final ConcurrentHashMap<String, KuduClient> CLIENTS = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<String, KuduTable> TABLES = new ConcurrentHashMap<>();
  private static long timeoutMs = 20_000;

  public static void main(String[] args) throws Exception {
    Path socket = Path.of(args[0]);
    if (args.length > 1) timeoutMs = Long.parseLong(args[1]);
    Files.deleteIfExists(socket);
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Thread watchdog = new Thread(() -> {
      try {
        while (System.in.read() >= 0) {
          // the worker never writes here: only its end of the pipe closing matters
        }
      } catch (IOException ignored) {
        // the pipe is gone: as good as closed
      }
      try {
        Files.deleteIfExists(socket);
      } catch (IOException ignored) {
        // best effort
      }
      Runtime.getRuntime().halt(0);
    }, "stdin-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    System.out.println("LISTENING");
    System.out.flush();
    for (;;) {
      SocketChannel channel = server.accept();
      Thread t = new Thread(() -> serve(channel), "kudu-bridge-connection");
      t.setDaemon(true);
      t.start();
    }
  }

  private static void serve(SocketChannel channel) {
    try (channel) {
      DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 12));
      for (;;) {
        int length;
        try {
          length = in.readInt();
        } catch (EOFException closed) {
          return;
        }
        byte[] body = in.readNBytes(length);
        if (body.length != length) return;
        byte[] answer = handle(new DataInputStream(new java.io.ByteArrayInputStream(body)));
        out.writeInt(answer.length);
        out.write(answer);
        out.flush();
      }
    } catch (IOException ignored) {
      // the thread's connection closed: its pending request fails on the Node side
    }
  }

  private static byte[] handle(DataInputStream req) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream answer = new DataOutputStream(bytes);
    try {
      byte op = req.readByte();
      String masters = readString(req);
      String table = readString(req);
      KuduClient client = client(masters);
      if (op == OP_PREPARE) {
        prepare(client, masters, table, req);
        answer.writeByte(0);
      } else if (op == OP_UPSERT) {
        int rows;
        try {
          rows = upsert(client, masters, table, req);
        } catch (Exception e) {
          // A table dropped and created again elsewhere (DELETE_PREVIOUS) must be opened anew by the retry.
          TABLES.remove(masters + "\n" + table);
          throw e;
        }
        answer.writeByte(0);
        answer.writeInt(rows);
      } else {
        throw new IllegalArgumentException("unknown op " + op);
      }
    } catch (Exception e) {
      bytes.reset();
      try {
        answer.writeByte(1);
        writeString(answer, messageOf(e));
      } catch (IOException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
    return bytes.toByteArray();
  }

  private static String messageOf(Throwable e) {
    String m = e.getMessage();
    return (m == null || m.isEmpty()) ? e.getClass().getSimpleName() : m;
  }

  private static KuduClient client(String masters) {
    return CLIENTS.computeIfAbsent(masters, m -> new KuduClient.KuduClientBuilder(m)
        .defaultAdminOperationTimeoutMs(timeoutMs)
        .defaultOperationTimeoutMs(timeoutMs)
        .build());
  }

  private static KuduTable table(KuduClient client, String masters, String name) throws Exception {
    String key = masters + "\n" + name;
    KuduTable t = TABLES.get(key);
    if (t == null) {
      t = client.openTable(name);
      TABLES.put(key, t);
    }
    return t;
  }

  /** deletePrevious, replicas, buckets, columns (name, type, key), hash keys, range keys, range split values. */
  private static void prepare(KuduClient client, String masters, String table, DataInputStream req) throws Exception {
    boolean deletePrevious = req.readBoolean();
    int replicas = req.readInt();
    int buckets = req.readInt();
    int n = req.readInt();
    List<ColumnSchema> columns = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name = readString(req);
      Type type = TYPES[req.readByte()];
      boolean key = req.readBoolean();
      columns.add(new ColumnSchema.ColumnSchemaBuilder(name, type).key(key).nullable(!key).build());
    }
    List<String> hashKeys = readStrings(req);
    List<String> rangeKeys = readStrings(req);
    Schema schema = new Schema(columns);
    int splits = req.readInt();
    List<PartialRow> splitRows = new ArrayList<>();
    for (int i = 0; i < splits; i++) {
      PartialRow split = schema.newPartialRow();
      for (String c : rangeKeys) readCell(req, split, c, schema.getColumn(c).getType());
      splitRows.add(split);
    }
    TABLES.remove(masters + "\n" + table);
    if (client.tableExists(table)) {
      if (!deletePrevious) return;
      client.deleteTable(table);
    }
    CreateTableOptions options = new CreateTableOptions().setNumReplicas(replicas);
    if (!hashKeys.isEmpty()) options.addHashPartitions(hashKeys, buckets);
    options.setRangePartitionColumns(rangeKeys);
    for (PartialRow split : splitRows) options.addSplitRow(split);
    client.createTable(table, schema, options);
  }

  /** flush mode, mutation buffer, columns (name, type), then the rows: per cell a presence byte and the value. */
  private static int upsert(KuduClient client, String masters, String name, DataInputStream req) throws Exception {
    byte flush = req.readByte();
    int buffer = req.readInt();
    int n = req.readInt();
    String[] names = new String[n];
    Type[] types = new Type[n];
    for (int i = 0; i < n; i++) {
      names[i] = readString(req);
      types[i] = TYPES[req.readByte()];
    }
    int rows = req.readInt();
    KuduTable table = table(client, masters, name);
    KuduSession session = client.newSession();
    FlushMode mode = flush == 1 ? FlushMode.AUTO_FLUSH_SYNC : flush == 2 ? FlushMode.AUTO_FLUSH_BACKGROUND : FlushMode.MANUAL_FLUSH;
    session.setFlushMode(mode);
    session.setMutationBufferSpace(buffer);
    session.setTimeoutMillis(timeoutMs);
    List<String> errors = new ArrayList<>();
    int errorCount = 0;
    int pending = 0;
    try {
      for (int r = 0; r < rows; r++) {
        Upsert upsert = table.newUpsert();
        PartialRow row = upsert.getRow();
        for (int i = 0; i < n; i++) readCell(req, row, names[i], types[i]);
        OperationResponse response = session.apply(upsert);
        if (response != null && response.hasRowError()) errorCount += note(errors, response.getRowError());
        if (mode == FlushMode.MANUAL_FLUSH && ++pending >= buffer) {
          errorCount += noteAll(errors, session.flush());
          pending = 0;
        }
      }
      errorCount += noteAll(errors, session.flush());
      for (RowError e : session.getPendingErrors().getRowErrors()) errorCount += note(errors, e);
    } finally {
      session.close();
    }
    if (errorCount > 0) {
      throw new IllegalStateException(errorCount + " of " + rows + " rows refused, e.g. " + String.join("; ", errors));
    }
    return rows;
  }

  private static int noteAll(List<String> errors, List<OperationResponse> responses) {
    int count = 0;
    if (responses == null) return 0;
    for (OperationResponse r : responses) if (r.hasRowError()) count += note(errors, r.getRowError());
    return count;
  }

  /** Keeps the first few row errors' messages (without the row, whose values are data). */
  private static int note(List<String> errors, RowError e) {
    if (errors.size() < 3) errors.add(e.getErrorStatus().toString());
    return 1;
  }

  private static void readCell(DataInputStream in, PartialRow row, String name, Type type) throws IOException {
    if (!in.readBoolean()) {
      row.setNull(name);
      return;
    }
    switch (type) {
      case STRING -> row.addStringUtf8(name, readBytes(in));
      case INT32 -> row.addInt(name, in.readInt());
      case INT64 -> row.addLong(name, in.readLong());
      case DOUBLE -> row.addDouble(name, in.readDouble());
      case BOOL -> row.addBoolean(name, in.readBoolean());
      case BINARY -> row.addBinary(name, readBytes(in));
      case UNIXTIME_MICROS -> row.addLong(name, in.readLong());
      case DATE -> row.addDate(name, java.sql.Date.valueOf(java.time.LocalDate.ofEpochDay(in.readInt())));
      default -> throw new IllegalArgumentException("type " + type);
    }
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    byte[] b = in.readNBytes(n);
    if (b.length != n) throw new EOFException();
    return b;
  }

  private static String readString(DataInputStream in) throws IOException {
    return new String(readBytes(in), StandardCharsets.UTF_8);
  }

  private static List<String> readStrings(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(readString(in));
    return out;
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }
}
