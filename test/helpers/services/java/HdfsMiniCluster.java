// A one-datanode HDFS for tests: MiniDFSCluster on loopback with ephemeral ports, permissions off; with a third
// argument "ha", two namenodes of one nameservice, the first active and the second standby. Once up, it writes
// "<webhdfs url> <hdfs uri> [<standby webhdfs url>]" to the file named by its first argument (written then renamed,
// so a reader never sees half a line); SIGTERM shuts it down through the shutdown hook.
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.MiniDFSNNTopology;

public class HdfsMiniCluster {
  public static void main(String[] args) throws Exception {
    File ready = new File(args[0]);
    File base = new File(args[1]);
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.getAbsolutePath());
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
    conf.set("dfs.datanode.hostname", "127.0.0.1");
    conf.set("dfs.permissions.enabled", "false");
    conf.set("dfs.webhdfs.enabled", "true");
    conf.set("dfs.replication", "1");
    conf.set("hadoop.tmp.dir", new File(base, "tmp").getAbsolutePath());
    boolean ha = args.length > 2 && args[2].equals("ha");
    MiniDFSCluster.Builder builder = new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true);
    if (ha) builder.nnTopology(MiniDFSNNTopology.simpleHATopology());
    MiniDFSCluster cluster = builder.build();
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::shutdown));
    if (ha) cluster.transitionToActive(0);
    cluster.waitActive();
    String line = "http://127.0.0.1:" + cluster.getNameNode(0).getHttpAddress().getPort()
        + " hdfs://127.0.0.1:" + cluster.getNameNodePort(0)
        + (ha ? " http://127.0.0.1:" + cluster.getNameNode(1).getHttpAddress().getPort() : "");
    File tmp = new File(ready.getPath() + ".tmp");
    Files.write(tmp.toPath(), (line + "\n").getBytes(StandardCharsets.UTF_8));
    Files.move(tmp.toPath(), ready.toPath(), StandardCopyOption.ATOMIC_MOVE);
    Thread.currentThread().join();
  }
}
