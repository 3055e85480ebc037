// Starts mongo-java-server (MongoDB wire protocol, in-memory backend) on a chosen
// loopback port for local runs and tests. Production uses a real MongoDB replica
// set; see docs/infrastructure.md for what this stand-in does not do.
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

public class MongoLauncher {
  public static void main(String[] args) throws Exception {
    String host = args.length > 1 ? args[1] : "127.0.0.1";
    int port = Integer.parseInt(args[0]);
    MemoryBackend backend = new MemoryBackend();
    backend.enableOplog();
    MongoServer server = new MongoServer(backend);
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
    server.bind(host, port);
    System.out.println("mongo-java-server listening on " + host + ":" + port);
    Thread.currentThread().join();
  }
}
