// Starts mongo-java-server (MongoDB wire protocol, in-memory backend) on a chosen
// loopback port for local runs and tests. Production uses a real MongoDB replica
// set; see docs/infrastructure.md for what this stand-in does not do.
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

public class MongoLauncher {
  public static void main(String[] args) throws Exception {
    String host = args.length > 1 ? args[1] : "127.0.0.1";
    int port = Integer.parseInt(args[0]);
    MemoryBackend backend = new IdLookupBackend();
    backend.enableOplog();
    MongoServer server = new MongoServer(backend);
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
    server.bind(host, port);
    System.out.println("mongo-java-server listening on " + host + ":" + port);
    Thread.currentThread().join();
  }

  /**
   * mongo-java-server uses an index only when the query names exactly that
   * index's fields, so a conditional update such as
   * {_id: x, lastSequence: {$not: {$gte: 5}}} scans the whole collection under
   * the collection lock: its cost grows with the collection (about 1 ms at
   * 4,000 documents, 9 ms at 16,000). MongoDB looks such a query up by _id.
   * These classes do the same: when a query has other conditions besides an
   * equality on _id, they find the candidate by the _id index and apply the
   * whole query to it, so the result is the one a full scan would give.
   */
  static final class IdLookupBackend extends MemoryBackend {
    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
      return new IdLookupDatabase(databaseName, getCursorRegistry());
    }
  }

  static final class IdLookupDatabase extends MemoryDatabase {
    IdLookupDatabase(String databaseName, CursorRegistry cursorRegistry) {
      super(databaseName, cursorRegistry);
    }

    @Override
    protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
      return new IdLookupCollection(this, collectionName, options, cursorRegistry);
    }
  }

  static final class IdLookupCollection extends MemoryCollection {
    IdLookupCollection(MongoDatabase database, String collectionName, CollectionOptions options, CursorRegistry cursorRegistry) {
      super(database, collectionName, options, cursorRegistry);
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
      Object id = query.get(getIdField());
      // Only plain equality on a scalar _id; operators, sub-documents and regular expressions keep the server's own path.
      if (query.size() > 1 && (id instanceof String || id instanceof Number || id instanceof ObjectId)) {
        Document byId = new Document(getIdField(), id);
        for (Index<Integer> index : getIndexes()) {
          if (index.isUnique() && index.canHandle(byId)) {
            return matchDocuments(query, index.getPositions(byId), orderBy, numberToSkip, limit, batchSize, fieldSelector);
          }
        }
      }
      return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }
  }
}
