/**
 * Recommendation from implicit feedback, measured as Liang et al. (WWW 2018) measure Mult-VAE:
 * the strong-generalization split ({@link org.vae4j.recommend.StrongSplit}: held-out users whose
 * items are split into fold-in and targets), ranking metrics (Recall@K, NDCG@K, {@link
 * org.vae4j.recommend.RankingMetrics}) averaged with standard errors by {@link
 * org.vae4j.recommend.RankingEvaluation}, and the baselines every number is set beside:
 * popularity, item-kNN (cosine) and EASE (Steck 2019). The VAE families live in {@code
 * family/multvae} and implement {@link org.vae4j.recommend.Recommender}. Sits above {@code data}
 * and below {@code model}.
 */
package org.vae4j.recommend;
