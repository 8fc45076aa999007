import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads topics from the beginning with the Java client (every codec it decompresses), for tests: args are the
 * bootstrap servers, the record count to wait for, a timeout in ms, and the topics. One line per record on stdout:
 * topic, partition, key, value and headers (name:value, comma-separated), each base64 but the partition, tab-separated;
 * a missing key is "-".
 */
public class KafkaTopicReader {
  public static void main(String[] args) {
    Properties props = new Properties();
    props.put("bootstrap.servers", args[0]);
    props.put("key.deserializer", ByteArrayDeserializer.class.getName());
    props.put("value.deserializer", ByteArrayDeserializer.class.getName());
    props.put("enable.auto.commit", "false");
    long expected = Long.parseLong(args[1]);
    long deadline = System.currentTimeMillis() + Long.parseLong(args[2]);
    Base64.Encoder b64 = Base64.getEncoder();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (int i = 3; i < args.length; i++) {
        for (PartitionInfo p : consumer.partitionsFor(args[i])) partitions.add(new TopicPartition(p.topic(), p.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long seen = 0;
      StringBuilder out = new StringBuilder();
      while (seen < expected && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          out.setLength(0);
          out.append(b64.encodeToString(r.topic().getBytes())).append('\t').append(r.partition()).append('\t');
          out.append(r.key() == null ? "-" : b64.encodeToString(r.key())).append('\t');
          out.append(r.value() == null ? "" : b64.encodeToString(r.value())).append('\t');
          boolean first = true;
          for (Header h : r.headers()) {
            if (!first) out.append(',');
            first = false;
            out.append(b64.encodeToString(h.key().getBytes())).append(':').append(h.value() == null ? "" : b64.encodeToString(h.value()));
          }
          System.out.println(out);
          seen++;
        }
      }
      System.out.flush();
      if (seen < expected) {
        System.err.println("read " + seen + " of " + expected + " records before the timeout");
        System.exit(2);
      }
    }
  }
}
