package org.vae4j.recommend;

/**
 * The paper's three numbers for one model on one set of held-out users.
 *
 * @param model the recommender's name
 * @param recall20 Recall@20
 * @param recall50 Recall@50
 * @param ndcg100 NDCG@100
 */
public record RankingReport(String model, MeanSe recall20, MeanSe recall50, MeanSe ndcg100) {

    /**
     * Returns the number of users measured (those with targets).
     *
     * @return n
     */
    public int users() {
        return ndcg100.n();
    }
}
