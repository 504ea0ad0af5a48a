#!/usr/bin/env Rscript
# R tidytext on a framelens directory corpus: unnest_tokens + stop words +
# SnowballC stems + count by source + bind_tf_idf. Prints one JSON-ish line with
# seconds (reading excluded) and the vocabulary size.
# Usage: Rscript tidytext_tfidf.R CORPUS_DIR [NGRAMS]
suppressPackageStartupMessages({
  library(dplyr); library(tidytext); library(SnowballC)
})
args <- commandArgs(trailingOnly = TRUE)
root <- args[1]
n <- if (length(args) > 1) as.integer(args[2]) else 1L
files <- list.files(root, recursive = TRUE, full.names = TRUE)
src <- basename(dirname(files))
text <- vapply(files, function(f) paste(readLines(f, warn = FALSE, encoding = "UTF-8"), collapse = "\n"), "", USE.NAMES = FALSE)
df <- tibble(source = src, text = text)
t0 <- proc.time()[["elapsed"]]
if (n == 1L) {
  words <- df %>% unnest_tokens(word, text) %>%
    anti_join(stop_words, by = "word") %>%
    mutate(word = wordStem(word, "english"))
} else {
  # The recipe of "Text Mining with R", ch. 4, with stems.
  words <- df %>% unnest_tokens(bigram, text, token = "ngrams", n = 2) %>%
    filter(!is.na(bigram)) %>%
    tidyr::separate(bigram, c("w1", "w2"), sep = " ") %>%
    filter(!w1 %in% stop_words$word, !w2 %in% stop_words$word) %>%
    transmute(source, word = paste(wordStem(w1, "english"), wordStem(w2, "english")))
}
tf <- words %>% count(source, word) %>% bind_tf_idf(word, source, n)
t1 <- proc.time()[["elapsed"]]
cat(sprintf('{"tool": "tidytext", "ngrams": %d, "bytes": %.0f, "seconds": %.3f, "rows": %d}\n',
            n, sum(file.size(files)), t1 - t0, nrow(tf)))
