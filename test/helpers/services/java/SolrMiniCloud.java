// A SolrCloud for tests: MiniSolrCloudCluster (an embedded ZooKeeper and <nodes> Jetty Solr nodes in this JVM) on
// loopback with ephemeral ports, basic authentication required for every request (security.json: one admin user).
// Arguments: <ready file> <base dir> <nodes> <user> <password>. Once every node is live it writes
// "<base url of the first node, http://127.0.0.1:<port>/solr>" to the ready file (written then renamed, so a reader
// never sees half a line); SIGTERM shuts it down through the shutdown hook.
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.security.Sha256AuthenticationProvider;

public class SolrMiniCloud {
  public static void main(String[] args) throws Exception {
    File ready = new File(args[0]);
    File base = new File(args[1]);
    int nodes = Integer.parseInt(args[2]);
    String user = args[3];
    String password = args[4];
    System.setProperty("host", "127.0.0.1");
    System.setProperty("solr.log.dir", base.getAbsolutePath());
    String security = "{\"authentication\":{\"class\":\"solr.BasicAuthPlugin\",\"blockUnknown\":true,\"credentials\":{\""
        + user + "\":\"" + Sha256AuthenticationProvider.getSaltedHashedValue(password) + "\"}},"
        + "\"authorization\":{\"class\":\"solr.RuleBasedAuthorizationPlugin\",\"user-role\":{\"" + user + "\":\"admin\"},"
        + "\"permissions\":[{\"name\":\"all\",\"role\":\"admin\"}]}}";
    MiniSolrCloudCluster cluster = new MiniSolrCloudCluster.Builder(nodes, base.toPath())
        .withJettyConfig(jetty -> jetty.setContext("/solr"))
        .withSecurityJson(security)
        .build();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        cluster.shutdown();
      } catch (Exception e) {
        e.printStackTrace();
      }
    }));
    cluster.waitForAllNodes(60);
    String line = cluster.getJettySolrRunner(0).getBaseUrl().toString();
    File tmp = new File(ready.getPath() + ".tmp");
    Files.write(tmp.toPath(), (line + "\n").getBytes(StandardCharsets.UTF_8));
    Files.move(tmp.toPath(), ready.toPath(), StandardCopyOption.ATOMIC_MOVE);
    Thread.currentThread().join();
  }
}
