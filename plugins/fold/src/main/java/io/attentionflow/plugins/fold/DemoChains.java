package io.attentionflow.plugins.fold;

import io.attentionflow.plugin.api.DemoProject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo project: three short warm-up chains, then the classic two-dimensional HP benchmark chains.
 *
 * <p>Benchmarks: the sequences of lengths 20 to 64 come from R. Unger and J. Moult, "Genetic algorithms
 * for protein folding simulations", J. Mol. Biol. 231(1):75-81 (1993), and have been the common test set
 * of 2D HP folding methods since. The best known contact counts are those tabulated (as energies -9 ...
 * -42) by C. Thachuk, A. Shmygelska and H. H. Hoos, "A replica exchange Monte Carlo algorithm for protein
 * folding in the HP model", BMC Bioinformatics 8:342 (2007), Table 1 (instances S1-1 to S1-8); the 60-mer
 * figure of 36 improves on the 35 of the original paper and was first reached by H.-P. Hsu, V. Mehra,
 * W. Nadler and P. Grassberger, J. Chem. Phys. 118:444 (2003).
 *
 * <p>Warm-up chains were written for this demo; their figures are optimal, proved by exhaustive
 * enumeration in {@code DemoChainsTest}.
 */
final class DemoChains {

    private static final String[][] CHAINS = {
        // id, sequence, best known H-H contacts
        {"warm-up-8", "HPPHHPPH", "3"},
        {"warm-up-12", "HHPHPHPPHPHH", "5"},
        {"warm-up-14", "PHHPHPPHHPHPHH", "6"},
        {"unger-moult-20", "HPHPPHHPHPPHPHHPPHPH", "9"},
        {"unger-moult-24", "HHPPHPPHPPHPPHPPHPPHPPHH", "9"},
        {"unger-moult-25", "PPHPPHHPPPPHHPPPPHHPPPPHH", "8"},
        {"unger-moult-36", "PPPHHPPHHPPPPPHHHHHHHPPHHPPPPHHPPHPP", "14"},
        {"unger-moult-48", "PPHPPHHPPHHPPPPPHHHHHHHHHHPPPPPPHHPPHHPPHPPHHHHH", "23"},
        {"unger-moult-50", "HHPHPHPHPHHHHPHPPPHPPPHPPPPHPPPHPPPHPHHHHPHPHPHPHH", "21"},
        {"unger-moult-60", "PPHHHPHHHHHHHHPPPHHHHHHHHHHPHPPPHHHHHHHHHHHHPPPPHHHHHHPHHPHP", "36"},
        {"unger-moult-64", "HHHHHHHHHHHHPHPHPPHHPPHHPPHPPHHPPHHPPHPPHHPPHHPPHPHPHHHHHHHHHHHH", "42"},
    };

    private DemoChains() {
    }

    static DemoProject benchmarks() {
        List<Map<String, String>> items = new ArrayList<>();
        for (String[] chain : CHAINS) {
            Map<String, String> item = new LinkedHashMap<>();
            item.put("id", chain[0]);
            item.put(FoldGame.SEQUENCE, chain[1]);
            item.put(FoldGame.BEST_KNOWN, chain[2]);
            items.add(item);
        }
        return new DemoProject("Demo: fold the classic HP chains", List.of(), items);
    }
}
