import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * Decodes cell values with HBase's own Bytes, for tests: each stdin line is a kind (int, long, float, boolean,
 * string) and a base64 value, tab-separated; each stdout line is the value Bytes.toInt / toLong / toFloat /
 * toBoolean / toString reads from it, as Java prints it.
 */
public class HBaseBytesDecoder {
  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    StringBuilder out = new StringBuilder();
    for (String line; (line = in.readLine()) != null; ) {
      if (line.isEmpty()) continue;
      String[] parts = line.split("\t", -1);
      byte[] value = Base64.getDecoder().decode(parts[1]);
      switch (parts[0]) {
        case "int": out.append(Bytes.toInt(value)); break;
        case "long": out.append(Bytes.toLong(value)); break;
        case "float": out.append(Bytes.toFloat(value)); break;
        case "boolean": out.append(Bytes.toBoolean(value)); break;
        default: out.append(Base64.getEncoder().encodeToString(Bytes.toString(value).getBytes(StandardCharsets.UTF_8)));
      }
      out.append('\n');
    }
    System.out.print(out);
  }
}
