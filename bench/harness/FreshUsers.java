import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import at.favre.lib.crypto.bcrypt.BCrypt;

/**
 * A copy of a committed users file with every password hash made anew (same password, same cost, new
 * salt): the service in its prod profile refuses the hashes committed to the repository.
 * Usage: java -cp <bcrypt jars> FreshUsers.java in.yml out.yml password...  (the passwords the file's
 * hashes are of; a hash none of them matches stops it).
 */
public class FreshUsers {
    public static void main(String[] args) throws Exception {
        String text = Files.readString(Path.of(args[0]));
        Map<String, String> fresh = new HashMap<>();
        Matcher m = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String old = m.group();
            String replacement = fresh.computeIfAbsent(old, hash -> {
                for (int i = 2; i < args.length; i++) {
                    if (BCrypt.verifyer().verify(args[i].toCharArray(), hash.toCharArray()).verified) {
                        return BCrypt.withDefaults().hashToString(Integer.parseInt(m.group(1)), args[i].toCharArray());
                    }
                }
                throw new IllegalArgumentException("no given password matches " + hash);
            });
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        Files.writeString(Path.of(args[1]), out);
        System.err.println("fresh hashes for " + fresh.size() + " passwords in " + args[1]);
    }
}
